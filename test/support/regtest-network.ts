import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";

// The suite's own regtest network (btcd, alice = the site's LND, bob = the reader's wallet),
// kept apart from a developer's .regtest/ and .env.lightning.
const root = path.resolve(import.meta.dirname, "../..");
export const REGTEST_DIR = path.join(root, ".regtest-test");
export const REGTEST_ENV_FILE = path.join(REGTEST_DIR, "lightning.env");
const run = promisify(execFile);

export async function regtest(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(root, "scripts/regtest/regtest.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, REGTEST_DIR, REGTEST_ENV_FILE },
    timeout: 20 * 60_000,
    maxBuffer: 10 * 1024 * 1024,
  });
  return stdout;
}

function readEnvFile(): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of readFileSync(REGTEST_ENV_FILE, "utf8").split("\n")) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) vars[match[1]!] = match[2]!;
  }
  return vars;
}

/** The site's LND settings for alice, as a server's environment. */
export function aliceSettings(): Record<string, string> {
  const vars = readEnvFile();
  return { LND_SOCKET: vars.LND_SOCKET!, LND_CERT: vars.LND_CERT!, LND_MACAROON: vars.LND_MACAROON!, DEV_NODE_IN_PRODUCTION: "0" };
}

export function bobFiles(): { socket: string; cert: string; macaroon: string; pubkey: string } {
  const vars = readEnvFile();
  return { socket: vars.REGTEST_BOB_SOCKET!, cert: vars.REGTEST_BOB_CERT!, macaroon: vars.REGTEST_BOB_MACAROON!, pubkey: vars.REGTEST_BOB_PUBKEY! };
}
