import "server-only";
import { db } from "@/lib/db/client";
import { NODE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { postJournal } from "@/lib/ledger/ledger-queries";
import type { PaymentLookup, PayResult } from "@/lib/lightning/backend";
import { log } from "@/lib/log";
import { findWithdrawal, markFailedRow, markPaidRow } from "@/lib/withdrawals/withdrawal-queries";
import { withdrawalFeeJournal, withdrawalRefundJournal } from "@/lib/withdrawals/withdrawal-status";

// What a finished payment does to the books, in the transaction that records it. At request the
// user was debited amount (withdrawal) + reserve (fee_reserve) and the node credited both.
// - Paid with routing fee F <= reserve R: the node gives back R and keeps F as routing_fee; the
//   user gets R - F back as refund. Net: user -(amount + F), node +(amount + F) = what left it.
// - Failed: the node gives back amount and reserve, the user is refunded both. Net: zero.

export async function markPaid(id: string, feeMsats: bigint, preimage: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    if (!(await markPaidRow(tx, id, feeMsats, preimage))) return false;
    const withdrawal = (await findWithdrawal(id, tx))!;
    const reserve = withdrawal.feeReserveMsats;
    await postJournal(
      tx,
      withdrawalFeeJournal(id),
      [
        { account: NODE_ACCOUNT, kind: "fee_reserve", amountMsats: -reserve },
        { account: NODE_ACCOUNT, kind: "routing_fee", amountMsats: feeMsats },
        { account: userAccount(withdrawal.userId), kind: "refund", amountMsats: reserve - feeMsats },
      ],
      { withdrawalId: id },
    );
    return true;
  });
}

export async function markFailed(id: string, reason: string): Promise<boolean> {
  return db().$transaction(async (tx) => {
    if (!(await markFailedRow(tx, id, reason))) return false;
    const withdrawal = (await findWithdrawal(id, tx))!;
    await postJournal(
      tx,
      withdrawalRefundJournal(id),
      [
        { account: NODE_ACCOUNT, kind: "withdrawal", amountMsats: -withdrawal.amountMsats },
        { account: NODE_ACCOUNT, kind: "fee_reserve", amountMsats: -withdrawal.feeReserveMsats },
        { account: userAccount(withdrawal.userId), kind: "refund", amountMsats: withdrawal.amountMsats + withdrawal.feeReserveMsats },
      ],
      { withdrawalId: id },
    );
    return true;
  });
}

/** Records what the node said; "in_flight" and "unknown" change nothing. */
export async function applyOutcome(id: string, outcome: PayResult | PaymentLookup): Promise<void> {
  if (outcome.status === "succeeded") {
    if (await markPaid(id, outcome.feeMsats, outcome.preimage)) log.info("withdrawal paid", { id, feeMsats: outcome.feeMsats.toString() });
  } else if (outcome.status === "failed") {
    if (await markFailed(id, outcome.reason)) log.info("withdrawal failed; credited back", { id, reason: outcome.reason });
  }
}
