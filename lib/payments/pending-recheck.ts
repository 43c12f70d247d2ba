import "server-only";
import { db } from "@/lib/db/client";
import { errorMessage, log } from "@/lib/log";
import { publishPaymentStatus } from "@/lib/payments/payment-events";
import { refreshFromNode } from "@/lib/payments/node-sync";

// The periodic safety net behind the settlement stream: asks the node about pending invoices.
// - Never overlaps itself: a run still going (a slow node, a big backlog) makes the next tick a no-op.
// - Asks only about invoices that can still be paid, plus a grace period (RECHECK_GRACE_MS, a
//   constant: clock skew and a payment in flight at expiry are covered by minutes, not hours).
//   Older ones are marked expired in SQL without a node call; should one be settled after all,
//   the settlement stream still credits it (complete is allowed from expired).
// - Reads BATCH rows at a time, in expiry order, so a huge backlog is never loaded at once.
export const RECHECK_GRACE_MS = 10 * 60_000;
const BATCH = 100;

const globalForRecheck = globalThis as unknown as { __pendingRecheck?: Promise<number> };

/** Returns how many payments changed state; a call made while a run is going joins that run. */
export function recheckPendingPayments(): Promise<number> {
  if (globalForRecheck.__pendingRecheck) return globalForRecheck.__pendingRecheck;
  const run = recheck().finally(() => {
    globalForRecheck.__pendingRecheck = undefined;
  });
  globalForRecheck.__pendingRecheck = run;
  return run;
}

async function recheck(): Promise<number> {
  let changed = 0;
  try {
    changed += await expireBeyondGrace();
    let after: { expiresAt: Date; id: string } | undefined;
    for (;;) {
      const batch = await db().payment.findMany({
        where: {
          status: "pending_payment",
          invoiceExpiresAt: { gt: new Date(Date.now() - RECHECK_GRACE_MS) },
          ...(after && { OR: [{ invoiceExpiresAt: { gt: after.expiresAt } }, { invoiceExpiresAt: after.expiresAt, id: { gt: after.id } }] }),
        },
        select: { id: true, paymentHash: true, invoiceExpiresAt: true },
        orderBy: [{ invoiceExpiresAt: "asc" }, { id: "asc" }],
        take: BATCH,
      });
      for (const payment of batch) {
        const outcome = await refreshFromNode(payment.id, payment.paymentHash);
        if (outcome === "unavailable") return changed;
        if (outcome === "changed") changed++;
      }
      const last = batch.at(-1);
      if (batch.length < BATCH || !last?.invoiceExpiresAt) break;
      after = { expiresAt: last.invoiceExpiresAt, id: last.id };
    }
  } catch (error) {
    log.warn("re-check of pending payments failed", { reason: errorMessage(error) });
  }
  return changed;
}

/** pending_payment rows whose invoice expired more than the grace period ago -> expired. */
async function expireBeyondGrace(): Promise<number> {
  const cutoff = new Date(Date.now() - RECHECK_GRACE_MS);
  let total = 0;
  for (;;) {
    const stale = await db().payment.findMany({
      where: { status: "pending_payment", invoiceExpiresAt: { lte: cutoff } },
      select: { id: true },
      take: BATCH,
    });
    if (stale.length === 0) return total;
    const ids = stale.map((row) => row.id);
    // Same rule as transitions.ts: only from pending_payment, so a concurrent settlement wins.
    const { count } = await db().payment.updateMany({ where: { id: { in: ids }, status: "pending_payment" }, data: { status: "expired" } });
    total += count;
    for (const id of ids) publishPaymentStatus(id, "expired");
    if (stale.length < BATCH) return total;
  }
}
