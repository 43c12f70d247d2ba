import "server-only";
import { db } from "@/lib/db/client";
import type { Reader } from "@/lib/buyers/reader";

// The only way to the paid body: free articles, or a completed view payment that belongs to
// this browser's buyer or that a receipt link granted to it.
export async function findCompletedPurchase(articleId: string, reader: Reader) {
  const owners = [
    ...(reader.buyerId ? [{ buyerId: reader.buyerId }] : []),
    ...(reader.receiptPaymentIds.length ? [{ id: { in: reader.receiptPaymentIds } }] : []),
  ];
  if (owners.length === 0) return null;
  return db().payment.findFirst({
    where: { articleId, purpose: "view", status: "complete", OR: owners },
    select: { id: true, receiptToken: true, buyerId: true },
  });
}

export async function getPaidBody(articleId: string, access: { free: true } | { paymentId: string }): Promise<string> {
  if ("paymentId" in access) {
    const granted = await db().payment.count({ where: { id: access.paymentId, articleId, status: "complete" } });
    if (granted !== 1) throw new Error("getPaidBody called without a completed purchase");
  }
  const article = await db().article.findUniqueOrThrow({ where: { id: articleId }, select: { body: true, priceSats: true } });
  if ("free" in access && article.priceSats !== 0) throw new Error("getPaidBody called as free for a paid article");
  return article.body;
}

/** A payment the reader may see the status of (their own, or granted by receipt). */
export async function findReaderPayment(paymentId: string, reader: Reader) {
  const payment = await db().payment.findUnique({
    where: { id: paymentId },
    select: { id: true, buyerId: true, status: true, invoiceExpiresAt: true, articleId: true },
  });
  if (!payment) return null;
  const owns = payment.buyerId === reader.buyerId || reader.receiptPaymentIds.includes(payment.id);
  return owns ? payment : null;
}
