import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export type TokenVerifier = { url: string; logs: () => string; stop: () => Promise<void>; premium: (articleId: string, token?: string) => Promise<{ status: number; body: Record<string, unknown> }> };

/** Starts examples/token-verifier as its own process against the site's JWKS, on a free port. */
export async function startTokenVerifier(env: Record<string, string>): Promise<TokenVerifier> {
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "examples/token-verifier/server.mjs")], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const deadline = Date.now() + 15_000;
  let url: string | undefined;
  while (!url) {
    if (child.exitCode !== null) throw new Error(`token-verifier exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`token-verifier did not start:\n${output}`);
    url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    if (!url) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const base = url;
  return {
    url: base,
    logs: () => output,
    premium: async (articleId, token) => {
      const response = await fetch(`${base}/premium/articles/${articleId}`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
