// Settlement-to-unlock latency in a real browser: how long after the dev wallet settles an
// invoice does the open paywall hear about it (SSE), and when does the article body appear?
import { chromium, type Browser, type Page } from "playwright-core";
import { type Distribution, distribution, fmt, table } from "./stats";
import { payInvoice } from "./site";

export type UnlockSample = {
  /** Server clock (dev wallet's settledAt), epoch ms. Same machine, so comparable with the browser's. */
  settledAt: number;
  settleIndex: number;
  /** Node-side round trip of POST /api/dev/wallet/pay. */
  payRoundTripMs: number;
  /** Browser: when the paywall received status "complete" (window.__paywallTimings.statusEventAt). */
  statusEventAt: number;
  /** Browser: when [data-testid=article-body] was inserted into the DOM (MutationObserver). */
  bodyAt: number;
  settleToStatusMs: number;
  settleToBodyMs: number;
  /** The refresh after the event: router.refresh() fetching and rendering the unlocked page. */
  statusToBodyMs: number;
};

export type UnlockSummary = { settleToStatusMs: Distribution; settleToBodyMs: Distribution; statusToBodyMs: Distribution; payRoundTripMs: Distribution };

type PageWindow = Window & { __paywallTimings?: { statusEventAt?: number; status?: string }; __benchBodyAt?: number | null };

const TIMEOUT_MS = 20_000;

export async function runUnlockBenchmark(baseUrl: string, paidPath: string, payments: number): Promise<UnlockSample[]> {
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    // One discarded warm-up payment: the first page load pays for browser start-up and cold caches.
    await measureOnePayment(browser, baseUrl, paidPath);
    const samples: UnlockSample[] = [];
    for (let i = 1; i <= payments; i++) {
      try {
        samples.push(await measureOnePayment(browser, baseUrl, paidPath));
      } catch (error) {
        throw new Error(`payment ${i} of ${payments} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      if (i % 10 === 0 || i === payments) process.stdout.write(`\r  ${i}/${payments} payments`);
    }
    process.stdout.write("\n");
    return samples;
  } finally {
    await browser?.close();
  }
}

/** One new buyer (fresh context, so a fresh lp_buyer cookie and invoice) pays and waits for the body. */
async function measureOnePayment(browser: Browser, baseUrl: string, paidPath: string): Promise<UnlockSample> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(baseUrl + paidPath);
    const invoice = (await page.locator("[data-testid=invoice-text]").inputValue()).trim();
    if (!invoice.startsWith("lnbcrt")) throw new Error(`unexpected invoice text "${invoice.slice(0, 40)}"`);
    await waitUntilListening(page);
    await watchForBody(page);

    const payment = await payInvoice(baseUrl, invoice);

    const statusHandle = await page.waitForFunction(() => {
      const timings = (window as unknown as PageWindow).__paywallTimings;
      return timings?.status === "complete" ? timings.statusEventAt : undefined;
    });
    const statusEventAt = (await statusHandle.jsonValue()) as number;
    await page.locator("[data-testid=article-body]").waitFor({ state: "visible" });
    const bodyAt = await page.evaluate(() => (window as unknown as PageWindow).__benchBodyAt ?? null);
    if (bodyAt === null) throw new Error("article body is visible but the MutationObserver did not see it appear");

    return {
      settledAt: payment.settledAt,
      settleIndex: payment.settleIndex,
      payRoundTripMs: payment.requestEnd - payment.requestStart,
      statusEventAt,
      bodyAt,
      settleToStatusMs: statusEventAt - payment.settledAt,
      settleToBodyMs: bodyAt - payment.settledAt,
      statusToBodyMs: bodyAt - statusEventAt,
    };
  } finally {
    await context.close();
  }
}

/**
 * Pay only once the paywall's event stream is open: otherwise "complete" could arrive as the
 * stream's initial status and we would time the page's hydration, not the push. The stream sends
 * the current status on connect and the paywall records every status it receives, so a recorded
 * "pending_payment" proves the subscription is live.
 */
async function waitUntilListening(page: Page) {
  await page.waitForFunction(() => (window as unknown as PageWindow).__paywallTimings?.status === "pending_payment");
}

/**
 * Records the moment the article body enters the DOM, on the same clock as statusEventAt
 * (performance.timeOrigin + performance.now()). Polling from Playwright would add its own
 * round-trip delay to every measurement.
 */
async function watchForBody(page: Page) {
  await page.evaluate(() => {
    const win = window as unknown as PageWindow;
    win.__benchBodyAt = null;
    const observer = new MutationObserver(() => {
      if (document.querySelector("[data-testid=article-body]")) {
        win.__benchBodyAt = performance.timeOrigin + performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
  });
}

export function summarizeUnlock(samples: readonly UnlockSample[]): UnlockSummary {
  return {
    settleToStatusMs: distribution(samples.map((s) => s.settleToStatusMs)),
    settleToBodyMs: distribution(samples.map((s) => s.settleToBodyMs)),
    statusToBodyMs: distribution(samples.map((s) => s.statusToBodyMs)),
    payRoundTripMs: distribution(samples.map((s) => s.payRoundTripMs)),
  };
}

export function formatUnlockTable(summary: UnlockSummary): string {
  const row = (label: string, d: Distribution) => [label, String(d.n), fmt(d.p50), fmt(d.p90), fmt(d.p99), fmt(d.max), fmt(d.mean)];
  return table(
    ["latency (ms)", "n", "p50", "p90", "p99", "max", "mean"],
    [
      row("settledAt -> SSE status event", summary.settleToStatusMs),
      row("settledAt -> body in page", summary.settleToBodyMs),
      row("  of which SSE event -> body", summary.statusToBodyMs),
      row("pay request round trip", summary.payRoundTripMs),
    ],
  );
}
