import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { errorMessage, log } from "@/lib/log";
import { lightning } from "@/lib/lightning/lightning";
import { markSettled } from "@/lib/payments/transitions";
import { refreshFromNode } from "@/lib/payments/view-payment";

// Follows settlements from the Lightning backend for the life of the server process:
// 1. re-checks every pending invoice with the node (a payment made while we were down counts);
// 2. streams settlements from the highest settle index stored, so the node replays any we missed;
// 3. re-checks pending invoices periodically, a safety net should a stream event be lost.
type Watcher = { stop: () => void };
const globalForWatcher = globalThis as unknown as { __settlementWatcher?: Watcher };

export function startSettlementWatcher(): Watcher {
  if (globalForWatcher.__settlementWatcher) return globalForWatcher.__settlementWatcher;
  let stopped = false;
  let unsubscribe: (() => void) | undefined;
  let recheckTimer: NodeJS.Timeout | undefined;

  const start = async () => {
    unsubscribe = lightning().subscribeSettlements({
      afterSettleIndex: await highestSettleIndex(),
      onSettlement: async (settlement) => {
        await markSettled(settlement);
      },
      onError: (error) => log.warn("settlement stream error; resubscribing", { reason: errorMessage(error) }),
    });
    await recheckPendingPayments();
  };

  void start().catch((error) => log.error("settlement watcher failed to start", { reason: errorMessage(error) }));
  recheckTimer = setInterval(() => {
    if (!stopped) void recheckPendingPayments();
  }, getEnv().PENDING_RECHECK_SECONDS * 1000);
  recheckTimer.unref();

  const watcher = {
    stop() {
      stopped = true;
      unsubscribe?.();
      if (recheckTimer) clearInterval(recheckTimer);
      globalForWatcher.__settlementWatcher = undefined;
    },
  };
  globalForWatcher.__settlementWatcher = watcher;
  return watcher;
}

export async function highestSettleIndex(): Promise<number> {
  const { _max } = await db().payment.aggregate({ _max: { settleIndex: true } });
  return _max.settleIndex ?? 0;
}

/** Asks the node about every payment still waiting; returns how many changed state. */
export async function recheckPendingPayments(): Promise<number> {
  let changed = 0;
  try {
    const pending = await db().payment.findMany({ where: { status: "pending_payment" }, select: { id: true, paymentHash: true } });
    for (const payment of pending) {
      const outcome = await refreshFromNode(payment.id, payment.paymentHash);
      if (outcome === "unavailable") break;
      if (outcome === "changed") changed++;
    }
  } catch (error) {
    log.warn("re-check of pending payments failed", { reason: errorMessage(error) });
  }
  return changed;
}
