import "server-only";
import { errorMessage, log } from "@/lib/log";
import { isLightningUnavailable, lightning } from "@/lib/lightning/lightning";
import { decodeBolt11 } from "@/lib/lightning/bolt11-invoice";
import { sendingNow, sendWithdrawal } from "@/lib/withdrawals/send-withdrawal";
import { applyOutcome, markFailed } from "@/lib/withdrawals/withdrawal-outcomes";
import { unfinishedWithdrawals } from "@/lib/withdrawals/withdrawal-queries";

// After a crash (at start) and periodically: every withdrawal not finished is checked with the
// node BEFORE anything is paid again. The node's record decides:
//   succeeded -> paid; failed -> failed + credited back; in flight -> left alone;
//   unknown (the node never saw it) -> sent again while its invoice is payable, else failed.
// The node refuses a second payment of one hash and paymentHash is unique, so nothing is paid twice.
const BATCH = 100;
// Re-sending an invoice that expires within this margin would likely fail in flight.
const RESEND_MARGIN_MS = 10_000;

const globalForRecovery = globalThis as unknown as { __withdrawalRecovery?: Promise<number> };

/** Returns how many withdrawals were looked at; a call during a run joins that run. */
export function recoverWithdrawals(): Promise<number> {
  if (globalForRecovery.__withdrawalRecovery) return globalForRecovery.__withdrawalRecovery;
  const run = recover().finally(() => {
    globalForRecovery.__withdrawalRecovery = undefined;
  });
  globalForRecovery.__withdrawalRecovery = run;
  return run;
}

async function recover(): Promise<number> {
  let seen = 0;
  let after: string | null = null;
  try {
    for (;;) {
      const batch = await unfinishedWithdrawals(after, BATCH);
      for (const withdrawal of batch) {
        if (sendingNow().has(withdrawal.id)) continue;
        seen++;
        const known = await lightning().getPayment(withdrawal.paymentHash);
        if (known.status !== "unknown") {
          await applyOutcome(withdrawal.id, known);
          continue;
        }
        if (decodeBolt11(withdrawal.paymentRequest).expiresAt.getTime() > Date.now() + RESEND_MARGIN_MS) {
          log.info("withdrawal unknown to the node; sending it", { id: withdrawal.id });
          // A requested one is claimed (requested -> in_flight); an in_flight one is already ours.
          void sendWithdrawal(withdrawal.id, { claim: withdrawal.status === "requested" });
        } else if (await markFailed(withdrawal.id, "The invoice expired before it could be paid")) {
          log.info("withdrawal never sent and its invoice expired; credited back", { id: withdrawal.id });
        }
      }
      if (batch.length < BATCH) break;
      after = batch.at(-1)!.id;
    }
  } catch (error) {
    if (isLightningUnavailable(error)) log.warn("withdrawal recovery waits for the node", { reason: errorMessage(error) });
    else log.error("withdrawal recovery failed", { reason: errorMessage(error) });
  }
  return seen;
}
