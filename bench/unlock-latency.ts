// Settlement-to-unlock latency in a real browser: how long after an invoice is paid does the
// open paywall hear about it (SSE), and when does the article body appear? Who pays is a
// parameter (a Payer): the site's dev wallet here, bob's real LND in lnd-unlock.ts.
import { chromium, type Browser, type Page } from "playwright-core";
import { type Distribution, distribution, latencyTable } from "./stats";
import { payInvoice, type WalletPayment } from "./site";

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

/** What the browser saw, on its own clock (performance.timeOrigin + now(), epoch ms). */
export type PageTimes = {
  /** When the paywall received status "complete" (window.__paywallTimings.statusEventAt). */
  statusEventAt: number;
  /** When [data-testid=article-body] was inserted into the DOM (MutationObserver). */
  bodyAt: number;
};

/**
 * Pays the invoice on the open page, then turns the payment and the page's timings into one
 * sample. Each payer decides which instant counts as "settled", so the two steps stay together.
 */
export type Payer<Payment, Sample> = {
  pay: (invoice: string) => Promise<Payment>;
  sample: (payment: Payment, page: PageTimes) => Sample;
};

/** The site's built-in dev wallet; settlement time is the dev node's own settledAt. */
export function devWalletPayer(baseUrl: string): Payer<WalletPayment, UnlockSample> {
  return {
    pay: (invoice) => payInvoice(baseUrl, invoice),
    sample: (payment, { statusEventAt, bodyAt }) => ({
      settledAt: payment.settledAt,
      settleIndex: payment.settleIndex,
      payRoundTripMs: payment.requestEnd - payment.requestStart,
      statusEventAt,
      bodyAt,
      settleToStatusMs: statusEventAt - payment.settledAt,
      settleToBodyMs: bodyAt - payment.settledAt,
      statusToBodyMs: bodyAt - statusEventAt,
    }),
  };
}

type PageWindow = Window & { __paywallTimings?: { statusEventAt?: number; status?: string }; __benchBodyAt?: number | null };

const TIMEOUT_MS = 20_000;

export async function runUnlockBenchmark<Payment, Sample>(
  baseUrl: string,
  paidPath: string,
  payments: number,
  payer: Payer<Payment, Sample>,
): Promise<Sample[]> {
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    // One discarded warm-up payment: the first page load pays for browser start-up and cold caches.
    await measureOnePayment(browser, baseUrl, paidPath, payer);
    const samples: Sample[] = [];
    for (let i = 1; i <= payments; i++) {
      try {
        samples.push(await measureOnePayment(browser, baseUrl, paidPath, payer));
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
async function measureOnePayment<Payment, Sample>(browser: Browser, baseUrl: string, paidPath: string, payer: Payer<Payment, Sample>): Promise<Sample> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(baseUrl + paidPath);
    const invoice = (await page.locator("[data-testid=invoice-text]").inputValue()).trim();
    if (!invoice.startsWith("lnbcrt")) throw new Error(`unexpected invoice text "${invoice.slice(0, 40)}"`);
    await waitUntilListening(page);
    await watchForBody(page);

    const payment = await payer.pay(invoice);

    const statusHandle = await page.waitForFunction(() => {
      const timings = (window as unknown as PageWindow).__paywallTimings;
      return timings?.status === "complete" ? timings.statusEventAt : undefined;
    });
    const statusEventAt = (await statusHandle.jsonValue()) as number;
    await page.locator("[data-testid=article-body]").waitFor({ state: "visible" });
    const bodyAt = await page.evaluate(() => (window as unknown as PageWindow).__benchBodyAt ?? null);
    if (bodyAt === null) throw new Error("article body is visible but the MutationObserver did not see it appear");

    return payer.sample(payment, { statusEventAt, bodyAt });
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
  return latencyTable([
    ["settledAt -> SSE status event", summary.settleToStatusMs],
    ["settledAt -> body in page", summary.settleToBodyMs],
    ["  of which SSE event -> body", summary.statusToBodyMs],
    ["pay request round trip", summary.payRoundTripMs],
  ]);
}
