import "server-only";
import { db } from "@/lib/db/client";
import { lockForTransaction } from "@/lib/db/dialect";
import { AppError } from "@/lib/errors";
import { NODE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { balanceMsats, postJournal } from "@/lib/ledger/ledger-queries";
import type { DecodedInvoice } from "@/lib/lightning/backend";
import { lightning } from "@/lib/lightning/lightning";
import { formatSats } from "@/lib/withdrawals/format-sats";
import { feeReserveMsats, maxWithdrawableMsats, withdrawLimits } from "@/lib/withdrawals/withdrawal-limits";
import { insertWithdrawal, withdrawalByHash } from "@/lib/withdrawals/withdrawal-queries";
import { withdrawalJournal, type WithdrawalMethod } from "@/lib/withdrawals/withdrawal-status";
import { attachWithdrawal, consumeWithdrawLink } from "@/lib/withdrawals/withdraw-link-queries";

// A withdrawal is requested in ONE transaction: the balance is checked, the row inserted and the
// ledger debited (amount + fee reserve) together, so two requests at once cannot spend the same
// balance twice (on PostgreSQL the user's balance lock makes them take turns: under READ COMMITTED
// both would read the same balance). Nothing is paid here (send-withdrawal.ts does that, after the commit).

// An invoice that expires within this margin could expire while the payment is routed.
const EXPIRY_MARGIN_MS = 10_000;

export type WithdrawalRequest = { userId: string; method: WithdrawalMethod; paymentRequest: string; linkK1?: string };

/** Checks the invoice (decoded without paying anything); every refusal is a clear 4xx. */
export async function checkInvoice(paymentRequest: string): Promise<DecodedInvoice & { amountMsats: bigint }> {
  const invoice = await lightning().decodeInvoice(paymentRequest);
  if (invoice.amountMsats === null || invoice.amountMsats === 0n) {
    throw new AppError(400, "This invoice has no amount; make one for the amount you want to withdraw", "zero_amount");
  }
  if (invoice.expiresAt.getTime() <= Date.now() + EXPIRY_MARGIN_MS) throw new AppError(400, "This invoice has expired; make a new one", "invoice_expired");
  const limits = withdrawLimits();
  if (invoice.amountMsats < limits.minMsats) throw new AppError(400, `The smallest withdrawal is ${formatSats(limits.minMsats)}`, "below_minimum");
  if (invoice.amountMsats > limits.maxMsats) throw new AppError(400, `The largest withdrawal is ${formatSats(limits.maxMsats)}`, "above_maximum");
  const node = await lightning().getNodeInfo();
  if (invoice.destination === node.pubkey) throw new AppError(400, "This is an invoice of this site's own node; use your wallet's invoice", "own_invoice");
  return { ...invoice, amountMsats: invoice.amountMsats };
}

/** Debits the balance and records the withdrawal as requested; returns its id. */
export async function requestWithdrawal(request: WithdrawalRequest): Promise<string> {
  const invoice = await checkInvoice(request.paymentRequest);
  const amount = invoice.amountMsats;
  const reserve = feeReserveMsats(amount);
  try {
    return await db().$transaction(async (tx) => {
      await lockForTransaction(tx, `balance:${request.userId}`);
      if (request.linkK1) await consumeWithdrawLink(tx, request.linkK1, request.userId, amount);
      if (await withdrawalByHash(tx, invoice.paymentHash)) throw alreadyWithdrawn();
      const balance = await balanceMsats(request.userId, tx);
      if (balance < amount + reserve) {
        const max = maxWithdrawableMsats(balance);
        throw new AppError(
          400,
          `Not enough balance: ${formatSats(amount)} plus up to ${formatSats(reserve)} routing fee, but you have ${formatSats(balance)} (at most ${formatSats(max)} now)`,
          "insufficient_balance",
        );
      }
      const id = await insertWithdrawal(tx, { userId: request.userId, method: request.method, paymentRequest: invoice.paymentRequest, paymentHash: invoice.paymentHash, amountMsats: amount, feeReserveMsats: reserve });
      await postJournal(
        tx,
        withdrawalJournal(id),
        [
          { account: userAccount(request.userId), kind: "withdrawal", amountMsats: -amount },
          { account: userAccount(request.userId), kind: "fee_reserve", amountMsats: -reserve },
          { account: NODE_ACCOUNT, kind: "withdrawal", amountMsats: amount },
          { account: NODE_ACCOUNT, kind: "fee_reserve", amountMsats: reserve },
        ],
        { withdrawalId: id },
      );
      if (request.linkK1) await attachWithdrawal(tx, request.linkK1, id);
      return id;
    });
  } catch (error) {
    // Two requests for one invoice at the same moment: the unique paymentHash refuses the second.
    if (error instanceof Error && /Unique constraint|UNIQUE constraint failed: Withdrawal/i.test(error.message)) throw alreadyWithdrawn();
    throw error;
  }
}

const alreadyWithdrawn = () => new AppError(409, "This invoice was already used for a withdrawal; make a new one", "already_withdrawn");
