import "server-only";
import { getEnv } from "@/lib/env";
import { errorMessage, log } from "@/lib/log";
import { runPayouts } from "@/lib/withdrawals/payouts";
import { recoverWithdrawals } from "@/lib/withdrawals/withdrawal-recovery";

// Started once per server process (lib/startup.ts), beside the settlement watcher: at start and
// then every PENDING_RECHECK_SECONDS, first every unfinished withdrawal is checked with the node
// (recovery after a crash), then automatic payouts run. A tick never overlaps the previous one.
const globalForWorker = globalThis as unknown as { __withdrawalWorker?: { stop: () => void } };

export function startWithdrawalWorker(): { stop: () => void } {
  if (globalForWorker.__withdrawalWorker) return globalForWorker.__withdrawalWorker;
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await recoverWithdrawals();
      await runPayouts();
    } catch (error) {
      log.warn("withdrawal worker tick failed", { reason: errorMessage(error) });
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), getEnv().PENDING_RECHECK_SECONDS * 1000);
  timer.unref();
  const worker = {
    stop: () => {
      stopped = true;
      clearInterval(timer);
      globalForWorker.__withdrawalWorker = undefined;
    },
  };
  globalForWorker.__withdrawalWorker = worker;
  return worker;
}
