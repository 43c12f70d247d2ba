import "server-only";
import { db } from "@/lib/db/client";
import type { Reader } from "@/lib/buyers/reader";
import { readBody } from "@/lib/access/entitlement-queries";

// The only way to the paid body: a free article, or an entitlement to read it (lib/access/),
// held by this browser, by any browser of the signed-in user, or by a receipt link's payment.

/** The paid body, read only for a free article or together with an entitlement to read it. */
export async function getPaidBody(articleId: string, access: { free: true } | { entitlementId: string }): Promise<string> {
  const body = await readBody(articleId, access);
  if (body === null) throw new Error("getPaidBody called without access");
  return body;
}

/** A payment the reader may see the status of (their own, or granted by receipt). */
export async function findReaderPayment(paymentId: string, reader: Reader) {
  const payment = await db().payment.findUnique({
    where: { id: paymentId },
    select: { id: true, buyerId: true, status: true, invoiceExpiresAt: true, articleId: true, purpose: true, buyer: { select: { userId: true } } },
  });
  if (!payment) return null;
  const owns =
    (payment.buyerId !== null && payment.buyerId === reader.buyerId) ||
    reader.receiptPaymentIds.includes(payment.id) ||
    (reader.userId !== null && payment.buyer?.userId === reader.userId);
  return owns ? payment : null;
}
