import "server-only";
import { errorMessage, log } from "@/lib/log";
import { isLightningUnavailable, lightning } from "@/lib/lightning/lightning";
import { applyOutcome } from "@/lib/withdrawals/withdrawal-outcomes";
import { claimForSending, findWithdrawal } from "@/lib/withdrawals/withdrawal-queries";

// Hands a requested withdrawal to the node: requested -> in_flight is committed BEFORE the node
// is asked, so a crash after that point leaves an in_flight row that recovery checks with the
// node before anything else (withdrawal-recovery.ts). The routing fee is capped at the reserve.

const globalForSending = globalThis as unknown as { __withdrawalsSending?: Set<string> };
/** Withdrawals this process is paying right now (recovery leaves them alone). */
export function sendingNow(): Set<string> {
  return (globalForSending.__withdrawalsSending ??= new Set());
}

/** Pays one withdrawal; returns its status afterwards. Never throws for a node problem. */
export async function sendWithdrawal(id: string, options: { timeoutSeconds?: number; claim?: boolean } = {}): Promise<string | undefined> {
  // Marked before the first await, so a recovery run starting meanwhile leaves it alone.
  if (sendingNow().has(id)) return "in_flight";
  sendingNow().add(id);
  try {
    if (options.claim !== false && !(await claimForSending(id))) return (await findWithdrawal(id))?.status;
    const withdrawal = await findWithdrawal(id);
    if (!withdrawal || withdrawal.status !== "in_flight") return withdrawal?.status;
    const outcome = await lightning().payInvoice({ paymentRequest: withdrawal.paymentRequest, maxFeeMsats: withdrawal.feeReserveMsats, timeoutSeconds: options.timeoutSeconds });
    await applyOutcome(id, outcome);
  } catch (error) {
    // Unclear (node unreachable mid-call): the money stays reserved; recovery asks the node later.
    if (!isLightningUnavailable(error)) log.error("withdrawal payment error", { id, reason: errorMessage(error) });
    else log.warn("withdrawal left in flight: node unavailable", { id, reason: errorMessage(error) });
  } finally {
    sendingNow().delete(id);
  }
  return (await findWithdrawal(id))?.status;
}
