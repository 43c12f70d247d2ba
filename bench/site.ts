// The site under test: the production build, its articles, and the HTTP calls a reader makes
// (first visit for a cookie, paying with the dev wallet, waiting for the unlock).
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { disconnectDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { createArticle } from "@/test/support/fixtures";

/** The benchmark is one client playing many readers: lift the per-address and site-wide invoice caps. */
export const BENCH_SERVER_ENV = { MAX_OPEN_INVOICES_PER_ADDRESS: "1000000", INVOICES_PER_MINUTE: "1000000" };

export const ROOT = path.resolve(import.meta.dirname, "..");
const BUILD_ID_FILE = path.join(ROOT, ".next", "BUILD_ID");

export const PAID_PRICE_SATS = 1000;
/** Appears only in the article body, so a page can be told apart from a paywall by its text. */
export const BODY_MARKER = "bench-body-marker-7f3a";
const INVOICE_PATTERN = /lnbcrt[0-9a-z]+/;

export type BenchArticles = { freePath: string; paidPath: string };

/**
 * Benchmarks run against `next start`, never the dev server. Builds only when no build exists:
 * other people rebuild .next while we work. If one of them is building right now, Next.js's
 * lock makes our build fail at once; then we wait for theirs to finish instead.
 */
export async function ensureProductionBuild(): Promise<string> {
  if (!existsSync(BUILD_ID_FILE)) {
    console.log("No production build (.next/BUILD_ID missing): running next build…");
    const { code, output } = await runBuild();
    if (code !== 0) {
      if (!/another .*build|Wait for the build to complete/i.test(output)) throw new Error(`next build failed with exit code ${code}`);
      console.log("Another next build is running: waiting up to 15 min for it to finish…");
      await waitForBuildId(15 * 60_000);
    }
  }
  return currentBuildId() ?? "";
}

export function currentBuildId(): string | null {
  try {
    return readFileSync(BUILD_ID_FILE, "utf8").trim();
  } catch {
    return null;
  }
}

function runBuild(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const tee = (target: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk;
      target.write(chunk);
    };
    child.stdout.on("data", tee(process.stdout));
    child.stderr.on("data", tee(process.stderr));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

async function waitForBuildId(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(BUILD_ID_FILE)) {
    if (Date.now() > deadline) throw new Error("gave up waiting for another next build to write .next/BUILD_ID");
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/**
 * `next start` seeds nothing, so the articles go straight into the server's SQLite file from this
 * process. Both get the same realistically sized Markdown body, so the free and paid pages differ
 * only by the paywall logic, not by how much there is to render.
 */
export async function insertArticles(databaseUrl: string): Promise<BenchArticles> {
  process.env.DATABASE_URL = databaseUrl;
  resetEnvForTests(); // getEnv() caches; make sure lib/ reads the URL set just above.
  try {
    const body = sampleBody();
    const free = await createArticle({ priceSats: 0, slug: "bench-free-article", title: "Benchmark free article", body });
    const paid = await createArticle({ priceSats: PAID_PRICE_SATS, slug: "bench-paid-article", title: "Benchmark paid article", body });
    return { freePath: `/articles/${free.slug}`, paidPath: `/articles/${paid.slug}` };
  } finally {
    // Release our SQLite handle so only the server uses the file while it is measured.
    await disconnectDb();
  }
}

/** The server's SQLite file (with its WAL and shared-memory files) is only needed for one run. */
export function removeDatabase(databaseUrl: string) {
  const file = databaseUrl.replace(/^file:/, "");
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}

export function sampleBody(): string {
  const paragraph =
    "Lightning invoices are signed requests for a payment to a hash. Paying one reveals the preimage, " +
    "which proves the payment happened. The site unlocks the article once its node reports the invoice settled.";
  const sections = Array.from({ length: 6 }, (_, i) => `## Section ${i + 1}\n\n${paragraph}\n\n${paragraph}\n\n- one point\n- another **point**\n- a [link](https://example.com/${i})`);
  return `${BODY_MARKER}\n\n${sections.join("\n\n")}`;
}

/** A first visit to an article page: the proxy answers with a signed `lp_buyer` cookie. */
export async function newReaderCookie(baseUrl: string, articlePath: string): Promise<string> {
  const response = await fetch(baseUrl + articlePath);
  await response.arrayBuffer();
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith("lp_buyer="));
  if (!response.ok || !cookie) throw new Error(`GET ${articlePath} gave ${response.status} and no lp_buyer cookie`);
  return cookie.split(";")[0]!;
}

export async function getPage(baseUrl: string, pagePath: string, cookie?: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(baseUrl + pagePath, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`GET ${pagePath} answered ${response.status}:\n${html.slice(0, 500)}`);
  return html;
}

export function hasArticleBody(html: string): boolean {
  return html.includes('data-testid="article-body"') && html.includes(BODY_MARKER);
}

/** The paywall's invoice, or null when the page shows no paywall with an invoice. */
export function paywallInvoice(html: string): string | null {
  if (!html.includes('data-testid="paywall"') || !html.includes('data-testid="invoice-text"')) return null;
  return INVOICE_PATTERN.exec(html)?.[0] ?? null;
}

export type WalletPayment = { settledAt: number; settleIndex: number; requestStart: number; requestEnd: number };

/** Pays through the site's built-in dev wallet, as the paywall's "Pay with the dev wallet" does. */
export async function payInvoice(baseUrl: string, invoice: string): Promise<WalletPayment> {
  const requestStart = Date.now();
  const response = await fetch(`${baseUrl}/api/dev/wallet/pay`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ invoice }),
  });
  const text = await response.text();
  const requestEnd = Date.now();
  if (!response.ok) throw new Error(`dev wallet answered ${response.status}: ${text}`);
  const json = JSON.parse(text) as { settledAt?: string; settleIndex?: number };
  const settledAt = Date.parse(json.settledAt ?? "");
  if (!Number.isFinite(settledAt) || typeof json.settleIndex !== "number") throw new Error(`unexpected dev wallet answer: ${text}`);
  return { settledAt, settleIndex: json.settleIndex, requestStart, requestEnd };
}

/** A reader who has paid for the article: their cookie, verified to unlock the body. */
export async function paidReaderCookie(baseUrl: string, articlePath: string): Promise<string> {
  const cookie = await newReaderCookie(baseUrl, articlePath);
  const invoice = paywallInvoice(await getPage(baseUrl, articlePath, cookie));
  if (!invoice) throw new Error(`no paywall invoice on ${articlePath} for a new reader`);
  await payInvoice(baseUrl, invoice);
  // The settlement is credited asynchronously (settlement watcher), so poll until the page unlocks.
  const deadline = Date.now() + 15_000;
  while (!hasArticleBody(await getPage(baseUrl, articlePath, cookie))) {
    if (Date.now() > deadline) throw new Error(`${articlePath} still shows the paywall 15 s after paying`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return cookie;
}
