import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import path from "node:path";
import { createMigratedDatabase } from "./test-database";

const root = path.resolve(import.meta.dirname, "../..");

export type SiteServer = {
  url: string;
  port: number;
  databaseUrl: string;
  appSecret: string;
  logs: () => string;
  /** The server process's id (to measure its memory). */
  pid: () => number | undefined;
  exitCode: () => number | null;
  stop: () => Promise<void>;
  /** SIGKILL: the process dies mid-work, as in a crash (no shutdown hooks run). */
  kill: () => Promise<void>;
  restart: () => Promise<void>;
};

/** /api/health gives its details only with this bearer token (HEALTH_TOKEN) or to admins. */
export const HEALTH_TOKEN = "test-health-token-".padEnd(48, "0");
export const healthDetails = { authorization: `Bearer ${HEALTH_TOKEN}` };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * Starts the production build (`next start`) on a free port with its own SQLite file. The dev
 * node runs in production mode only because DEV_NODE_IN_PRODUCTION=1 is set here, for tests.
 */
export async function startSiteServer(
  options: { env?: Record<string, string>; databaseUrl?: string; expectHealthy?: boolean; /** Instances of one site share it (cookies, sealed keys). */ appSecret?: string } = {},
): Promise<SiteServer> {
  const port = await freePort();
  const databaseUrl = options.databaseUrl ?? createMigratedDatabase("site").url;
  const appSecret = options.appSecret ?? randomBytes(32).toString("hex");
  let output = "";
  let child: ChildProcess | undefined;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    APP_SECRET: appSecret,
    DEV_NODE_IN_PRODUCTION: "1",
    HEALTH_TOKEN,
    PORT: String(port),
    LND_SOCKET: "",
    LND_CERT: "",
    LND_MACAROON: "",
    // A developer's running regtest network (.env.lightning) must not leak into the tests.
    LIGHTNING_ENV_FILE: "none",
    // Production requires SITE_URL; the tests reach the server at this address.
    SITE_URL: `http://127.0.0.1:${port}`,
    // The simulated browsers (test/support/wallet.ts) each send their own X-Forwarded-For, as
    // a reverse proxy on 127.0.0.1 would; tests of the socket address turn this off.
    TRUSTED_PROXIES: "127.0.0.1",
    ...options.env,
  };

  const start = async () => {
    const started = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = started;
    started.stdout?.on("data", (chunk) => (output += chunk));
    started.stderr?.on("data", (chunk) => (output += chunk));
    await waitForServer(`http://127.0.0.1:${port}`, started, () => output);
  };
  const stop = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGTERM");
      setTimeout(() => running.kill("SIGKILL"), 5000).unref();
    });
  };

  const kill = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode) return;
    await new Promise<void>((resolve) => {
      running.once("exit", () => resolve());
      running.kill("SIGKILL");
    });
  };
  await start();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    databaseUrl,
    appSecret,
    logs: () => output,
    pid: () => child?.pid,
    exitCode: () => child?.exitCode ?? null,
    stop,
    kill,
    restart: async () => (await stop(), await start()),
  };
}

async function waitForServer(url: string, child: ChildProcess, logs: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${logs()}`);
    try {
      const response = await fetch(`${url}/about`);
      if (response.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`server did not start:\n${logs()}`);
}
