import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "@/test/support/site-server";
import { randomBytes } from "node:crypto";
import { createMigratedDatabase, TEST_TMP } from "@/test/support/test-database";

const root = path.resolve(import.meta.dirname, "../..");

// npm start migrates the database itself, so it gets a path with no database yet.
function freshDatabaseUrl() {
  return `file:${path.join(TEST_TMP, `start-${randomBytes(6).toString("hex")}`, "site.db")}`;
}

function runStart(env: Record<string, string>, until: (output: string) => boolean, timeoutMs = 60_000) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      env: { ...process.env, LND_SOCKET: "", LND_CERT: "", LND_MACAROON: "", LIGHTNING_ENV_FILE: "none", NODE_ENV: "production", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const finish = () => {
      child.kill("SIGTERM");
    };
    const timer = setTimeout(finish, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (until(output)) finish();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("npm start (production)", () => {
  it("refuses to run the development node and says what to configure", async () => {
    const url = freshDatabaseUrl();
    const { code, output } = await runStart({ DATABASE_URL: url, PORT: String(await freePort()), APP_SECRET: "x".repeat(40), DEV_NODE_IN_PRODUCTION: "0" }, () => false);
    expect(code).not.toBe(0);
    expect(output).toContain("No Lightning node configured");
    expect(output).toContain("LND_SOCKET");
  });

  it("refuses to start without SITE_URL, saying why", async () => {
    const { code, output } = await runStart({ DATABASE_URL: freshDatabaseUrl(), PORT: String(await freePort()), APP_SECRET: "z".repeat(40), DEV_NODE_IN_PRODUCTION: "1", SITE_URL: "" }, () => false);
    expect(code).not.toBe(0);
    expect(output).toContain("SITE_URL is required in production");
  });

  it("refuses to start a production build with NODE_ENV=development and no LND (no dev node, no generated secret)", async () => {
    // `next start` directly (npm start would set NODE_ENV=production): the build kind is fixed at
    // build time (next.config.ts), so the run-time NODE_ENV cannot turn the dev node on.
    const port = await freePort();
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
        cwd: root,
        env: { ...process.env, NODE_ENV: "development", DATABASE_URL: createMigratedDatabase("devguard").url, APP_SECRET: "", DEV_NODE_IN_PRODUCTION: "0", LND_SOCKET: "", LND_CERT: "", LND_MACAROON: "", LIGHTNING_ENV_FILE: "none" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let text = "";
      const timer = setTimeout(() => child.kill("SIGTERM"), 30_000);
      child.stdout.on("data", (chunk) => (text += chunk));
      child.stderr.on("data", (chunk) => (text += chunk));
      child.on("exit", (exitCode) => {
        clearTimeout(timer);
        resolve({ code: exitCode, output: text });
      });
    });
    expect(code).toBe(1); // stopped by itself, not by the test's timeout
    expect(output).toContain("No Lightning node configured");
  });

  it("listens on $PORT", async () => {
    const port = await freePort();
    const url = freshDatabaseUrl();
    let healthy = false;
    const run = runStart({ DATABASE_URL: url, PORT: String(port), APP_SECRET: "y".repeat(40), DEV_NODE_IN_PRODUCTION: "1", SITE_URL: `http://127.0.0.1:${port}` }, (output) => output.includes("lightning node"));
    const deadline = Date.now() + 60_000;
    while (!healthy && Date.now() < deadline) {
      healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(healthy).toBe(true);
    await run;
  });
});
