import { execFile, execFileSync, spawnSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { postgresBinDir } from "@/scripts/pg/ensure-postgres.mjs";
import { freePort } from "./site-server";

// A private, throwaway PostgreSQL server for the cluster tests (its own data directory and
// port), so a test may terminate connections or restart it without disturbing anyone else's
// server. Nothing is skipped: if PostgreSQL cannot be installed or started, this throws and
// the test fails. The programs come from the same Debian package scripts/pg/ensure-postgres.mjs
// installs and starts for the shared test server.
export type PostgresServer = {
  url: string;
  restart(): void;
  /** Without blocking the event loop (a test's load keeps running meanwhile). */
  stopAsync(): Promise<void>;
  startAsync(): Promise<void>;
  stop(): void;
};

export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = postgresBinDir();
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
