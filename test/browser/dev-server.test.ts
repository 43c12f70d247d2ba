import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { resetLightningForTests } from "@/lib/lightning/lightning";
import { launchChromium } from "@/test/support/browser";
import { createArticle } from "@/test/support/fixtures";
import { freePort } from "@/test/support/site-server";
import { TEST_TMP } from "@/test/support/test-database";

// `npm run dev` (scripts/dev.mjs: migrate, seed, `next dev`) opened at 127.0.0.1 and at this
// machine's LAN address, as a phone paying with a mobile wallet opens it: Next's dev server must
// serve its scripts there, or the paywall never leaves "Preparing your invoice…".
const root = path.resolve(import.meta.dirname, "../..");
const nextEnvFile = path.join(root, "next-env.d.ts");
const FIRST_COMPILE_MS = 240_000;
const tag = randomBytes(4).toString("hex");
// Its own build folder beside the production build that the other tests run (Next locks
// <distDir>/dev, so a developer's own `npm run dev` keeps running), and its own database.
// tsconfig.json lists its type folders, or next dev would add them there.
const distDir = ".next/test-dev";
const databaseUrl = `file:${path.join(TEST_TMP, `dev-server-${tag}.db`)}`;

let dev: ChildProcess;
let output = "";
let port: number;
let browser: Browser;
let nextEnvBefore: string | null;

beforeAll(async () => {
  // `next dev` rewrites next-env.d.ts to point at its build folder; put it back afterwards so the
  // typecheck does not follow it into a folder that the next build deletes.
  nextEnvBefore = existsSync(nextEnvFile) ? readFileSync(nextEnvFile, "utf8") : null;
  port = await freePort();
  // Without vitest's NODE_ENV=test: `npm run dev` is started from a shell with none.
  const { NODE_ENV: _vitestsNodeEnv, ...inherited }: Record<string, string | undefined> = process.env;
  const env: Record<string, string | undefined> = {
    ...inherited,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    APP_SECRET: randomBytes(32).toString("hex"),
    NEXT_DEV_DIST_DIR: distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    LIGHTNING_ENV_FILE: "none",
    LND_SOCKET: "",
    SITE_URL: "",
  };
  dev = spawn(process.execPath, ["scripts/dev.mjs"], {
    cwd: root,
    // Its own process group, so stopping it stops next dev's workers too.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: env as NodeJS.ProcessEnv,
  });
  dev.stdout?.on("data", (chunk) => (output += chunk));
  dev.stderr?.on("data", (chunk) => (output += chunk));
  await waitForDevServer(`http://127.0.0.1:${port}/about`);

  await disconnectDb();
  process.env.DATABASE_URL = databaseUrl;
  resetEnvForTests();
  resetLightningForTests();
  browser = await launchChromium();
}, FIRST_COMPILE_MS + 60_000);

afterAll(async () => {
  await browser?.close();
  if (dev?.pid && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev.once("exit", resolve));
    process.kill(-dev.pid, "SIGTERM");
    const force = setTimeout(() => dev.pid && process.kill(-dev.pid, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(force);
  }
  if (nextEnvBefore === null) rmSync(nextEnvFile, { force: true });
  else writeFileSync(nextEnvFile, nextEnvBefore);
}, 60_000);

async function waitForDevServer(url: string) {
  const deadline = Date.now() + FIRST_COMPILE_MS;
  while (Date.now() < deadline) {
    if (dev.exitCode !== null) throw new Error(`npm run dev exited with ${dev.exitCode}:\n${output}`);
    const response = await fetch(url).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`npm run dev did not serve ${url}:\n${output}`);
}

/** An address of this machine that a phone on the same network would use, if there is one. */
function lanAddress(): string | null {
  const all = Object.values(networkInterfaces()).flatMap((addresses) => addresses ?? []);
  return all.find((entry) => entry.family === "IPv4" && !entry.internal)?.address ?? null;
}

/** Opens a new article at http://<host>:<port> as a new reader and buys it with the dev wallet. */
async function buyAt(host: string, priceSats: number) {
  const article = await createArticle({ priceSats, body: `## Bought at ${host}` });
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`http://${host}:${port}/articles/${article.slug}`, { timeout: FIRST_COMPILE_MS });
    await page.locator('[data-testid="paywall-state"][data-state="waiting"]').waitFor({ timeout: FIRST_COMPILE_MS });
    // The countdown ticks only once React runs the page (the server renders it standing still).
    const countdown = page.getByTestId("countdown");
    const shown = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 90_000 }).not.toBe(shown);
    expect(await page.getByTestId("invoice-text").inputValue()).toMatch(new RegExp(`^lnbcrt${priceSats * 10}n1`));
    await page.getByTestId("dev-wallet-pay").click();
    await page.locator('[data-testid="article-body"] h2').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid="article-body"] h2').textContent()).toBe(`Bought at ${host}`);
  } catch (error) {
    // Next logs each dev resource it refused to serve to this origin.
    const refused = output.split("\n").filter((line) => line.includes("Blocked cross-origin request"));
    throw new Error(`buying at ${host} failed: ${error instanceof Error ? error.message : String(error)}\n${refused.join("\n")}`);
  } finally {
    await context.close();
  }
}

describe("npm run dev opened from another address than localhost", () => {
  it("at 127.0.0.1: the invoice appears, the dev wallet pays and the article opens", () => buyAt("127.0.0.1", 55), FIRST_COMPILE_MS * 2);

  // A machine with no network interface but loopback has no LAN address to test: the test is then
  // reported as skipped in the summary (npm test's closing line counts it), never passed.
  it.skipIf(lanAddress() === null)(
    "at the machine's LAN address, as a phone on the same network opens it",
    async () => {
      await buyAt(lanAddress()!, 21);
    },
    FIRST_COMPILE_MS,
  );
});
