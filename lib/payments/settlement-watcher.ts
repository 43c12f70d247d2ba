import "server-only";
import { getEnv } from "@/lib/env";
import { errorMessage, log } from "@/lib/log";
import { lightning } from "@/lib/lightning/lightning";
import { advanceSettlementCursor, readSettlementCursor } from "@/lib/payments/settlement-cursor-queries";
import { markSettled } from "@/lib/payments/transitions";
import { recheckPendingPayments } from "@/lib/payments/pending-recheck";
import { pruneUnpaid } from "@/lib/payments/prune-unpaid-queries";

// Follows settlements from the Lightning backend for the life of the server process:
// 1. re-checks every pending invoice with the node (a payment made while we were down counts);
// 2. streams settlements from the highest settle index processed for this node (its
//    SettlementCursor), so the node replays any we missed;
// 3. re-checks pending invoices periodically, a safety net should a stream event be lost
//    (pending-recheck.ts);
// 4. prunes abandoned unpaid rows at start and hourly (prune-unpaid-queries.ts).
type Watcher = { stop: () => void };
const globalForWatcher = globalThis as unknown as { __settlementWatcher?: Watcher };

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 10_000;
const PRUNE_EVERY_MS = 60 * 60_000;
// The node replays every settlement after the cursor at once (a new leader's backlog, a burst of
// payments): crediting them all concurrently made them queue for the database pool and fail on
// Prisma's 2 s transaction wait, leaving them to the slow periodic re-check. A few at a time, in
// settle-index order, they all go through (crediting one article is serial anyway: its counters
// are one row).
const CREDIT_CONCURRENCY = 8;

/** Runs queued tasks at most `limit` at a time, in the order queued. */
function taskQueue(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

export function startSettlementWatcher(): Watcher {
  if (globalForWatcher.__settlementWatcher) return globalForWatcher.__settlementWatcher;
  let stopped = false;
  let unsubscribe: (() => void) | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  const credit = taskQueue(CREDIT_CONCURRENCY);

  // The cursor is per node, so the node must answer before the stream can start; until then
  // retry with backoff (the periodic re-check below keeps working meanwhile).
  let lastProblem = "";
  const start = async (delay: number) => {
    if (stopped) return;
    try {
      const { pubkey } = await lightning().getNodeInfo();
      if (stopped) return;
      unsubscribe = lightning().subscribeSettlements({
        afterSettleIndex: await readSettlementCursor(pubkey),
        onSettlement: (settlement) =>
          credit(async () => {
            await markSettled(settlement);
            await advanceSettlementCursor(pubkey, settlement.settleIndex);
          }),
        onError: (error) => log.warn("settlement stream error; resubscribing", { reason: errorMessage(error) }),
      });
      await recheckPendingPayments();
    } catch (error) {
      // Usually the node is down (startup reports that in one line); say it once per distinct reason.
      const problem = errorMessage(error);
      if (problem !== lastProblem) log.warn("settlement stream not started; retrying", { reason: problem });
      lastProblem = problem;
      retryTimer = setTimeout(() => void start(Math.min(delay * 2, RETRY_MAX_MS)), delay);
      retryTimer.unref();
    }
  };

  void start(RETRY_MIN_MS);
  const recheckTimer = setInterval(() => {
    if (!stopped) void recheckPendingPayments();
  }, getEnv().PENDING_RECHECK_SECONDS * 1000);
  recheckTimer.unref();
  const prune = () => {
    if (stopped) return;
    pruneUnpaid().then(
      (pruned) => (pruned.payments || pruned.buyers) && log.info("pruned abandoned unpaid rows", pruned),
      (error) => log.warn("pruning unpaid rows failed", { reason: errorMessage(error) }),
    );
  };
  prune();
  const pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
  pruneTimer.unref();

  const watcher = {
    stop() {
      stopped = true;
      unsubscribe?.();
      clearTimeout(retryTimer);
      clearInterval(recheckTimer);
      clearInterval(pruneTimer);
      globalForWatcher.__settlementWatcher = undefined;
    },
  };
  globalForWatcher.__settlementWatcher = watcher;
  return watcher;
}
