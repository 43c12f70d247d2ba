import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreatedInvoice, Settlement } from "@/lib/lightning/lightning";
import { queueReceiptOnSettle } from "@/lib/mail/receipt-mail";
import { wakeMailWorker } from "@/lib/mail/mail-worker";
import { paidAction } from "@/lib/payments/actions";
import { publishPaymentStatus } from "@/lib/payments/payment-events";
import { attachInvoiceRow } from "@/lib/payments/payment-queries";
import { articleTags, invalidatePages } from "@/lib/cache/page-cache";
import { ALLOWED_FROM, type PaymentStatus } from "@/lib/payments/payment-status";
import { log } from "@/lib/log";

// Each function is a single conditional UPDATE ... WHERE status IN (allowed starting states).
// The returned boolean says whether this call made the change; losing a race returns false.

type Where = { id?: string; paymentHash?: string };

async function transition(where: Where, to: PaymentStatus, data: Record<string, unknown> = {}, client: Prisma.TransactionClient = db()) {
  const { count } = await client.payment.updateMany({
    where: { ...where, status: { in: [...ALLOWED_FROM[to]] } },
    data: { ...data, status: to },
  });
  return count === 1;
}

/** Only while its article (if any) is on sale: one withdrawn meanwhile gets no invoice (see withdrawn-articles.ts). */
export async function attachInvoice(paymentId: string, amountSats: number, invoice: CreatedInvoice) {
  const changed = await attachInvoiceRow(paymentId, { amountSats, ...invoice });
  if (changed) publishPaymentStatus(paymentId, "pending_payment");
  return changed;
}

/**
 * Credits a settlement once, however often and by however many processes it is seen: the
 * conditional UPDATE to complete and the action's onPaid (entitlements, ledger, counters) commit
 * in one transaction, and onPaid runs only when that UPDATE changed the row.
 */
export async function markSettled(settlement: Settlement): Promise<string | null> {
  const payment = await db().payment.findUnique({
    where: { paymentHash: settlement.paymentHash },
    select: { id: true, amountSats: true, purpose: true, args: true, buyerId: true, articleId: true, article: { select: { status: true } } },
  });
  if (!payment) return null; // Not ours (another app on the same node) or a replaced invoice.
  if (settlement.receivedMsats < BigInt(payment.amountSats) * 1000n) {
    log.warn("settlement below the invoiced amount ignored", { paymentId: payment.id, receivedMsats: settlement.receivedMsats.toString() });
    return null;
  }
  const action = paidAction(payment.purpose);
  // Rows written without args (before the engine stored them) carry their subject in columns.
  const args = action.args.parse(payment.args === null ? { ...(payment.articleId && { articleId: payment.articleId }) } : JSON.parse(payment.args));
  // Paid after its article was withdrawn: credited (the payer paid, and buyers keep what they
  // bought), flagged for the admins, who may refund it.
  const late = payment.article !== null && payment.article.status !== "visible";
  let receiptQueued = false;
  const changed = await db().$transaction(async (tx) => {
    const won = await transition(
      { paymentHash: settlement.paymentHash },
      "complete",
      {
        settleIndex: settlement.settleIndex > 0 ? settlement.settleIndex : null,
        settledAt: settlement.settledAt,
        receivedMsats: settlement.receivedMsats,
        receiptToken: randomBytes(24).toString("base64url"),
        settledAfterWithdrawal: late,
        // A repeatable action's key is released so the payer can pay for it again.
        ...(action.repeatable && { reuseKey: null }),
      },
      tx,
    );
    if (won) {
      await action.onPaid(tx, {
        id: payment.id,
        buyerId: payment.buyerId,
        articleId: payment.articleId,
        args,
        amountSats: payment.amountSats,
        receivedMsats: settlement.receivedMsats,
        settledAt: settlement.settledAt,
      });
      // The receipt step: queued with the completion, so a crash never loses it (lib/mail/).
      receiptQueued = await queueReceiptOnSettle(tx, payment.id);
    }
    return won;
  });
  if (!changed) return null;
  if (late) log.warn("payment settled after its article was withdrawn", { paymentId: payment.id });
  log.info("payment complete", { paymentId: payment.id, settleIndex: settlement.settleIndex });
  publishPaymentStatus(payment.id, "complete");
  // Its article's counters (views, upvotes) and upvote split are on cached pages: drop them everywhere.
  if (payment.articleId) invalidatePages(articleTags(payment.articleId));
  if (receiptQueued) wakeMailWorker();
  return payment.id;
}

export async function markExpired(paymentId: string, paymentHash: string) {
  const changed = await transition({ id: paymentId, paymentHash }, "expired");
  if (changed) publishPaymentStatus(paymentId, "expired");
  return changed;
}

export async function resetForRenewal(paymentId: string) {
  return transition({ id: paymentId }, "pending_invoice", { paymentHash: null, paymentRequest: null, invoiceExpiresAt: null });
}

export async function markError(paymentId: string, message: string) {
  return transition({ id: paymentId }, "error", { errorMessage: message.slice(0, 500) });
}
