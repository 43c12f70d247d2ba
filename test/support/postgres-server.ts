import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

// A private, throwaway PostgreSQL server for the cluster tests (its own data directory and
// port), so a test may terminate connections or restart it without disturbing anyone else's
// server. Nothing is skipped: if PostgreSQL cannot be installed or started, this throws and
// the test fails.
export type PostgresServer = {
  url: string;
  restart(): void;
  /** Without blocking the event loop (a test's load keeps running meanwhile). */
  stopAsync(): Promise<void>;
  startAsync(): Promise<void>;
  stop(): void;
};

const PG_ROOT = "/usr/lib/postgresql";

function binDir(): string {
  const find = () => (existsSync(PG_ROOT) ? readdirSync(PG_ROOT).sort().reverse().map((v) => path.join(PG_ROOT, v, "bin")) : []).find((dir) => existsSync(path.join(dir, "pg_ctl")));
  let dir = find();
  if (!dir) {
    // Debian package, as .ci/run and the environment notes describe; it never starts a server itself.
    const install = spawnSync("apt-get", ["install", "-y", "postgresql"], { stdio: "pipe", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    dir = find();
    if (!dir) throw new Error(`PostgreSQL is not installed and apt-get install postgresql failed: ${install.stderr?.toString().slice(-500)}`);
  }
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = binDir();
  const root = process.getuid?.() === 0;
  const dataDir = mkdtempSync(path.join(tmpdir(), "lp-pg-"));
  // PostgreSQL refuses to run as root: as root, run its tools as the package's postgres user.
  if (root) chownSync(dataDir, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = root ? ["su", ["postgres", "-s", "/bin/sh", "-c", [path.join(bin, tool), ...args].map(quote).join(" ")]] : [path.join(bin, tool), args];
    const result = spawnSync(cmd as string, argv as string[], { stdio: "pipe", timeout: 60_000 });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr?.toString()}${result.stdout?.toString()}`);
  };
  const runAsync = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const [cmd, argv] = root ? ["su", ["postgres", "-s", "/bin/sh", "-c", [path.join(bin, tool), ...args].map(quote).join(" ")]] : [path.join(bin, tool), args];
      execFile(cmd as string, argv as string[], { timeout: 60_000 }, (error, stdout, stderr) => (error ? reject(new Error(`${tool} failed: ${stderr}${stdout}`)) : resolve()));
    });
  const port = await freePort();
  run("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const options = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
  const start = () => run("pg_ctl", ["-D", dataDir, "-o", options, "-l", path.join(dataDir, "server.log"), "-w", "start"]);
  const stopServer = () => run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
  const startArgs = ["-D", dataDir, "-o", options, "-l", path.join(dataDir, "server.log"), "-w", "start"];
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    restart() {
      stopServer();
      start();
    },
    stopAsync: () => runAsync("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]),
    startAsync: () => runAsync("pg_ctl", startArgs),
    stop() {
      try {
        stopServer();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
