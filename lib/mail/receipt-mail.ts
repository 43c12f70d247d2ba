import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { withSavepoint } from "@/lib/db/dialect";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Reader } from "@/lib/buyers/reader";
import { badRequest, notFound } from "@/lib/errors";
import { log, errorMessage } from "@/lib/log";
import { enqueueMail } from "@/lib/mail/mail-outbox-queries";
import { wakeMailWorker } from "@/lib/mail/mail-worker";
import { receiptParts } from "@/lib/mail/receipt-parts";
import { paidAction } from "@/lib/payments/actions";
import { backgroundOrigin } from "@/lib/site-origin";

// Receipts by mail: the receipt link and what was bought (title, a pass's end), never paid
// content. Queued in the transaction that completes the payment when an address is known then
// (given at purchase, or the account's verified one), or later from the after-purchase form.

type Tx = Prisma.TransactionClient;

export const receiptEmailSchema = z.object({ email: z.email("email: expected an email address").max(254, "email: too long") }).strict();

// A payment whose invoice is still to be paid (or renewed: an expired one gets a fresh invoice
// on the same row) keeps the address until it completes.
const BEFORE_PAID = ["pending_invoice", "pending_payment", "expired"];

/**
 * Queues the payment's receipt with `client` (the completing transaction, or on its own): to
 * `to` when given, else the address the payer gave for it, else the verified address of the
 * account that holds the paying browser. Null: not complete, nothing with a receipt, or no address.
 */
export async function queueReceipt(client: Tx, paymentId: string, options: { to?: string; origin?: string } = {}): Promise<{ to: string; queued: boolean } | null> {
  const payment = await client.payment.findUnique({
    where: { id: paymentId },
    select: {
      status: true,
      purpose: true,
      args: true,
      articleId: true,
      receiptToken: true,
      receiptEmail: true,
      buyer: { select: { user: { select: { email: true, emailVerifiedAt: true } } } },
    },
  });
  if (!payment || payment.status !== "complete" || !payment.receiptToken) return null;
  const action = paidAction(payment.purpose);
  if (!action.receipt) return null;
  const account = payment.buyer?.user;
  const verified = account?.email && account.emailVerifiedAt ? account.email : null;
  const to = (options.to ?? payment.receiptEmail ?? verified)?.toLowerCase();
  if (!to) return null;
  // Rows written before the engine stored args carry their subject in columns (as in markSettled).
  const args = action.args.parse(payment.args === null ? { ...(payment.articleId && { articleId: payment.articleId }) } : JSON.parse(payment.args));
  const subject = await action.receipt(client, { id: paymentId, args });
  if (!subject) return null;
  const link = `${options.origin ?? backgroundOrigin()}/receipts/${payment.receiptToken}`;
  const parts = await receiptParts(client, { paymentId, link, subject });
  const queued = await enqueueMail(
    { idempotencyKey: `receipt:${paymentId}:${to}`, to, subject: `Your receipt: ${subject.title}`, text: `${parts.join("\n\n")}\n` },
    new Date(),
    client,
  );
  return { to, queued };
}

/**
 * The receipt step of a completing payment (called by the engine after onPaid, inside its
 * transaction): a receipt is never lost to a crash between paying and mailing. A mistake here is
 * logged, never allowed to undo the payment: its writes are rolled back to a savepoint (on
 * PostgreSQL a failed statement would otherwise abort the paying transaction).
 */
export async function queueReceiptOnSettle(tx: Tx, paymentId: string): Promise<boolean> {
  try {
    return await withSavepoint(tx, "receipt_step", async () => (await queueReceipt(tx, paymentId))?.queued ?? false);
  } catch (error) {
    log.error("receipt not queued", { paymentId, reason: errorMessage(error) });
    return false;
  }
}

/**
 * The reader's "email me the receipt": before paying, the address is kept on the payment (the
 * receipt is queued when it completes); after, the receipt is queued now. Only the payment's
 * owner (its browser, or the signed-in user who holds that browser) may ask.
 */
export async function requestReceiptMail(paymentId: string, email: string, reader: Reader, origin: string): Promise<{ status: "queued" | "on_payment"; queued: boolean }> {
  const payment = await db().payment.findUnique({ where: { id: paymentId }, select: { buyerId: true, purpose: true, buyer: { select: { userId: true } } } });
  const owns = payment && ((payment.buyerId !== null && payment.buyerId === reader.buyerId) || (reader.userId !== null && payment.buyer?.userId === reader.userId));
  if (!payment || !owns) throw notFound("Unknown payment");
  if (!paidAction(payment.purpose).receipt) throw badRequest("This payment has no receipt", "no_receipt");
  const to = email.toLowerCase();
  // One conditional UPDATE: if the payment completes meanwhile, this changes nothing and the
  // receipt is queued below instead, so the address is never lost between the two.
  const kept = await db().payment.updateMany({ where: { id: paymentId, status: { in: BEFORE_PAID } }, data: { receiptEmail: to } });
  if (kept.count === 1) return { status: "on_payment", queued: false };
  const result = await queueReceipt(db(), paymentId, { to, origin });
  if (!result) throw badRequest("This payment has no receipt yet", "no_receipt");
  await db().payment.updateMany({ where: { id: paymentId, receiptEmail: null }, data: { receiptEmail: to } });
  wakeMailWorker();
  return { status: "queued", queued: result.queued };
}
