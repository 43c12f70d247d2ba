// The real-LND part (`--only=lnd`): the production build against alice on the regtest network.
// Invoice creation through the site against raw createInvoice calls, then settlement-to-unlock
// in Chromium with bob paying. Owns its server and, if it started it, the regtest network.
import { aliceSettings } from "@/test/support/regtest-network";
import { type SiteServer, startSiteServer } from "@/test/support/site-server";
import type { BenchConfig } from "./config";
import { CONCURRENCIES, formatInvoiceTable, type InvoiceBatch, runInvoiceBenchmark } from "./invoice-rate";
import { aliceLnd, type RegtestSession, useRegtest } from "./lnd-network";
import { bobPayer, formatLndUnlockTable, type LndUnlockSample, type LndUnlockSummary, summarizeLndUnlock } from "./lnd-unlock";
import { BENCH_SERVER_ENV, insertArticles, PAID_PRICE_SATS, removeDatabase } from "./site";
import { runUnlockBenchmark } from "./unlock-latency";

export type LndResults = {
  regtest: { alreadyRunning: boolean; startSeconds: number; stoppedAtEnd?: boolean };
  paidPriceSats: number;
  invoices?: InvoiceBatch[];
  unlock?: { summary: LndUnlockSummary; samples: LndUnlockSample[] };
};

export type LndPart = {
  run: (config: BenchConfig) => Promise<LndResults>;
  /** Stops the server, and the network if this run started it. Idempotent: also used on Ctrl-C. */
  stop: () => Promise<{ regtestStopped: boolean }>;
  /** The site server's output, still readable after it stopped (for failure reports). */
  logs: () => string;
};

export function lndPart(): LndPart {
  let regtest: RegtestSession | undefined;
  let server: SiteServer | undefined;
  let lastLogs = "";

  const stop = async () => {
    // `regtest stop` is spawned before anything is awaited: it is a process of its own, so it
    // finishes even if this one dies meanwhile. On Ctrl-C, tsx SIGKILLs a child that is slow to
    // acknowledge the signal, and the network (detached daemons) would otherwise keep running.
    const releasing = regtest?.release() ?? Promise.resolve({ stopped: false });
    const running = server;
    server = undefined;
    if (running) {
      lastLogs = running.logs();
      await running.stop();
      removeDatabase(running.databaseUrl);
    }
    const { stopped } = await releasing;
    return { regtestStopped: stopped };
  };

  const run = async (config: BenchConfig): Promise<LndResults> => {
    console.log("Real LND (regtest: alice = the site's node, bob = the reader's wallet, channel bob -> alice)");
    regtest = await useRegtest();
    const results: LndResults = { regtest: { alreadyRunning: regtest.alreadyRunning, startSeconds: regtest.startSeconds }, paidPriceSats: PAID_PRICE_SATS };
    console.log(
      regtest.alreadyRunning
        ? "  regtest   already running: left running at the end"
        : `  regtest   started in ${regtest.startSeconds.toFixed(1)}s: stopped at the end`,
    );

    server = await startSiteServer({ env: { ...aliceSettings(), ...BENCH_SERVER_ENV } });
    const articles = await insertArticles(server.databaseUrl);
    const paidSlug = articles.paidPath.replace(/^\/articles\//, "");
    console.log(`  server    ${server.url} (next start on alice), paid ${articles.paidPath} (${PAID_PRICE_SATS} sats)\n`);

    console.log(
      `Invoice creation on alice (${config.invoices} per batch at concurrency ${CONCURRENCIES.join(" and ")}: new readers as a browser does it, page + invoice request, and the invoice request alone, vs raw createInvoice; 5 warm-up calls each discarded)`,
    );
    results.invoices = await runInvoiceBenchmark(server.url, paidSlug, config.invoices, aliceLnd(), PAID_PRICE_SATS);
    console.log(`\n${formatInvoiceTable(results.invoices)}\n`);

    console.log(`Settlement to unlock with real LND (Chromium, ${config.lndPayments} payments from bob one after another, a new buyer each, 1 warm-up discarded)`);
    const samples = await runUnlockBenchmark(server.url, articles.paidPath, config.lndPayments, bobPayer());
    results.unlock = { summary: summarizeLndUnlock(samples), samples };
    console.log(`\n${formatLndUnlockTable(results.unlock.summary)}\n`);

    const { regtestStopped } = await stop();
    results.regtest.stoppedAtEnd = regtestStopped;
    return results;
  };

  return { run, stop, logs: () => server?.logs() ?? lastLogs };
}
