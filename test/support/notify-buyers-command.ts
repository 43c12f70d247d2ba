import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { SiteServer } from "./site-server";

const root = path.resolve(import.meta.dirname, "../..");

export type CommandRun = { child: ChildProcess; output: () => string; done: Promise<number | null>; kill: () => void };

/** `npm run notify-buyers -- <target>` against the test server's database (as an operator would run it). */
export function runNotifyBuyers(server: SiteServer, target: string, env: Record<string, string> = {}): CommandRun {
  let output = "";
  const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/notify-buyers.ts", target], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: server.databaseUrl, APP_SECRET: server.appSecret, SITE_URL: server.url, LIGHTNING_ENV_FILE: "none", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: tsx runs the script in a child process, and a kill must reach both.
    detached: true,
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const done = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  // SIGKILL to the whole group, as a crash or `kill -9` of the command would be.
  const kill = () => process.kill(-child.pid!, "SIGKILL");
  return { child, output: () => output, done, kill };
}

/** The counts line the command prints. */
export function countsIn(output: string): { queued: number; alreadySent: number; withoutAddress: number } {
  const match = /queued: (\d+); already sent: (\d+); without address: (\d+)/.exec(output);
  if (!match) throw new Error(`no counts in:\n${output}`);
  return { queued: Number(match[1]), alreadySent: Number(match[2]), withoutAddress: Number(match[3]) };
}
