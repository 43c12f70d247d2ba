// Invoice creation on a real LND (alice): through the site (a new reader opening a paid article as
// a browser does: the page, which sets the buyer cookie and creates nothing, then the paywall's
// request for the invoice, cookie sent back) against bare createInvoice calls to the same node,
// so the difference is what the site adds (proxy, cookie, database, page, QR) on top of LND.
import { type AuthenticatedLnd, createInvoice } from "lightning";
import { askForInvoice, type FirstVisit, firstVisit, type NewReaderInvoice, newReaderInvoice } from "@/test/support/reader";
import { type Distribution, distribution, fmt, table } from "./stats";

/**
 * site: a new reader as a browser does it (first visit's page, then the paywall's invoice
 * request); route: the invoice request alone (the readers' first pages fetched before the batch,
 * untimed), what the invoice path adds apart from the page; raw: createInvoice on alice.
 */
export type InvoiceSource = "site" | "route" | "raw";
const SOURCES = ["site", "route", "raw"] as const;

export type InvoiceBatch = {
  source: InvoiceSource;
  concurrency: number;
  count: number;
  /** Wall clock from the first request to the last answer. */
  wallMs: number;
  invoicesPerSecond: number;
  latencyMs: Distribution;
  /** Must equal count: every call produced its own invoice. */
  distinctInvoices: number;
};

export const CONCURRENCIES = [1, 10] as const;
/** Discarded calls per source before measuring: the first requests pay for JIT, connections and caches. */
const WARMUP_CALLS = 5;

type Timed = { ms: number; invoice: string };

export async function runInvoiceBenchmark(baseUrl: string, paidSlug: string, count: number, lnd: AuthenticatedLnd, tokens: number): Promise<InvoiceBatch[]> {
  // Across the whole run, not only per batch: a page that re-served an earlier reader's invoice
  // would be a cached or shared paywall, not an invoice created on alice.
  const seenOnSite = new Set<string>();
  // First visits made ahead for the route source, one per call.
  let visits: FirstVisit[] = [];
  const visitAhead = async (calls: number) => {
    visits = [];
    for (let i = 0; i < calls; i++) visits.push(await firstVisit(baseUrl, paidSlug));
  };
  const create: Record<InvoiceSource, () => Promise<Timed>> = {
    site: () => timed(async () => checkedInvoice(await newReaderInvoice(baseUrl, paidSlug), seenOnSite)),
    route: () => {
      const visit = visits.pop();
      if (!visit) throw new Error("no first visit left for the route source");
      return timed(async () => checkedInvoice(await askForInvoice(baseUrl, visit), seenOnSite));
    },
    raw: () => timed(() => rawInvoice(lnd, tokens)),
  };

  for (const source of SOURCES) {
    if (source === "route") await visitAhead(Math.min(WARMUP_CALLS, count));
    await pool(Math.min(WARMUP_CALLS, count), 1, create[source]);
  }

  const batches: InvoiceBatch[] = [];
  // The sources alternate at each concurrency, so all see alice's invoice database at about the same size.
  for (const concurrency of CONCURRENCIES) {
    for (const source of SOURCES) {
      if (source === "route") await visitAhead(count);
      process.stdout.write(`  ${`${source}, concurrency ${concurrency}`.padEnd(22)} ${count} invoices… `);
      const started = performance.now();
      const results = await pool(count, concurrency, create[source]);
      const wallMs = performance.now() - started;
      const batch: InvoiceBatch = {
        source,
        concurrency,
        count,
        wallMs,
        invoicesPerSecond: (count / wallMs) * 1000,
        latencyMs: distribution(results.map((result) => result.ms)),
        distinctInvoices: new Set(results.map((result) => result.invoice)).size,
      };
      if (batch.distinctInvoices !== count) throw new Error(`${source} at concurrency ${concurrency}: ${batch.distinctInvoices} distinct invoices for ${count} calls`);
      console.log(`${fmt(batch.invoicesPerSecond, 1)} invoices/s`);
      batches.push(batch);
    }
  }
  return batches;
}

/** Checks a new reader got a fresh invoice with its QR code. */
function checkedInvoice({ invoice, qrSvg }: NewReaderInvoice, seen: Set<string>): string {
  if (!invoice.startsWith("lnbcrt") || !qrSvg.startsWith("<svg")) throw new Error(`a new reader's paywall got no invoice with a QR code`);
  if (seen.has(invoice)) throw new Error(`a new reader was shown an invoice seen before: ${invoice.slice(0, 40)}…`);
  seen.add(invoice);
  return invoice;
}

async function rawInvoice(lnd: AuthenticatedLnd, tokens: number): Promise<string> {
  const { request } = await createInvoice({ lnd, tokens });
  if (!request.startsWith("lnbcrt")) throw new Error(`alice returned an unexpected invoice "${request.slice(0, 40)}"`);
  return request;
}

async function timed(call: () => Promise<string>): Promise<Timed> {
  const started = performance.now();
  const invoice = await call();
  return { ms: performance.now() - started, invoice };
}

/** Runs count tasks with at most `concurrency` in flight; results in task order. */
async function pool<T>(count: number, concurrency: number, task: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** One row per source and concurrency; site and route rows are compared with the raw row at the same concurrency. */
export function formatInvoiceTable(batches: readonly InvoiceBatch[]): string {
  const header = ["invoice creation", "concurrency", "n", "invoices/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "distinct", "vs raw", "p50 over raw"];
  const rows = batches.map((batch) => {
    const raw = batch.source !== "raw" ? batches.find((other) => other.source === "raw" && other.concurrency === batch.concurrency) : undefined;
    return [
      { site: "site (page + invoice)", route: "invoice route alone", raw: "raw createInvoice" }[batch.source],
      String(batch.concurrency),
      String(batch.count),
      fmt(batch.invoicesPerSecond, 1),
      fmt(batch.latencyMs.p50),
      fmt(batch.latencyMs.p90),
      fmt(batch.latencyMs.p99),
      fmt(batch.latencyMs.max),
      String(batch.distinctInvoices),
      raw ? `${fmt((batch.invoicesPerSecond / raw.invoicesPerSecond) * 100, 1)}%` : "-",
      raw ? signed(batch.latencyMs.p50 - raw.latencyMs.p50) : "-",
    ];
  });
  return table(header, rows);
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : ""}${fmt(value)}`;
}
