import "server-only";
import { getEnv } from "@/lib/env";
import { type PeriodicWorker, startPeriodicWorker } from "@/lib/jobs/periodic-worker";
import { runPayouts } from "@/lib/withdrawals/payouts";
import { recoverWithdrawals } from "@/lib/withdrawals/withdrawal-recovery";

// Started once per server process (lib/startup.ts), beside the settlement watcher: at start and
// then every PENDING_RECHECK_SECONDS, first every unfinished withdrawal is checked with the node
// (recovery after a crash), then automatic payouts run. A tick never overlaps the previous one.
export function startWithdrawalWorker(): PeriodicWorker {
  return startPeriodicWorker("withdrawal worker", getEnv().PENDING_RECHECK_SECONDS * 1000, async () => {
    await recoverWithdrawals();
    await runPayouts();
  });
}
