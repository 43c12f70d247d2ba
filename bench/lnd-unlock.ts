// Settlement-to-unlock with real LND: the browser measurement of unlock-latency.ts, with bob's
// node paying instead of the dev wallet.
import { bobWallet } from "@/test/support/bob-wallet";
import { type Distribution, distribution, latencyTable } from "./stats";
import type { Payer } from "./unlock-latency";

export type BobPayment = { payStartAt: number; payResolvedAt: number };

export type LndUnlockSample = {
  /** Bench clock (epoch ms) just before bob's pay() was called. */
  payStartAt: number;
  /**
   * Bench clock when pay() resolved: LND returns only once the HTLC has settled back to bob, so
   * alice has settled the invoice by then. This is the reference "settled" instant. Alice can
   * tell the site a little earlier, so the "pay resolved ->" figures may dip below zero.
   */
  payResolvedAt: number;
  payMs: number;
  /** Browser clock; same machine as the bench, so comparable with the two above. */
  statusEventAt: number;
  bodyAt: number;
  resolvedToStatusMs: number;
  resolvedToBodyMs: number;
  statusToBodyMs: number;
  /** Upper bound that never depends on when LND chose to return: from the pay call itself. */
  startToStatusMs: number;
};

export type LndUnlockSummary = {
  resolvedToStatusMs: Distribution;
  resolvedToBodyMs: Distribution;
  statusToBodyMs: Distribution;
  startToStatusMs: Distribution;
  payMs: Distribution;
};

export function bobPayer(): Payer<BobPayment, LndUnlockSample> {
  const bob = bobWallet(); // one gRPC connection for all payments, as a real wallet keeps
  return {
    pay: async (invoice) => {
      const payStartAt = Date.now();
      await bob.pay(invoice);
      return { payStartAt, payResolvedAt: Date.now() };
    },
    sample: ({ payStartAt, payResolvedAt }, { statusEventAt, bodyAt }) => ({
      payStartAt,
      payResolvedAt,
      payMs: payResolvedAt - payStartAt,
      statusEventAt,
      bodyAt,
      resolvedToStatusMs: statusEventAt - payResolvedAt,
      resolvedToBodyMs: bodyAt - payResolvedAt,
      statusToBodyMs: bodyAt - statusEventAt,
      startToStatusMs: statusEventAt - payStartAt,
    }),
  };
}

export function summarizeLndUnlock(samples: readonly LndUnlockSample[]): LndUnlockSummary {
  return {
    resolvedToStatusMs: distribution(samples.map((s) => s.resolvedToStatusMs)),
    resolvedToBodyMs: distribution(samples.map((s) => s.resolvedToBodyMs)),
    statusToBodyMs: distribution(samples.map((s) => s.statusToBodyMs)),
    startToStatusMs: distribution(samples.map((s) => s.startToStatusMs)),
    payMs: distribution(samples.map((s) => s.payMs)),
  };
}

export function formatLndUnlockTable(summary: LndUnlockSummary): string {
  return latencyTable([
    ["pay resolved -> SSE status event", summary.resolvedToStatusMs],
    ["pay resolved -> body in page", summary.resolvedToBodyMs],
    ["  of which SSE event -> body", summary.statusToBodyMs],
    ["pay start -> SSE status event", summary.startToStatusMs],
    ["bob pay() duration", summary.payMs],
  ]);
}
