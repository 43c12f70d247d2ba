import "server-only";
import { db } from "@/lib/db/client";
import type { Reader } from "@/lib/buyers/reader";
import { ownedPaymentConditions } from "@/lib/buyers/owned-payments";
import { Prisma } from "@/lib/generated/prisma/client";

// The only way to the paid body: free articles, or a completed view payment that belongs to
// this browser's buyer, to any browser of the signed-in user, or that a receipt link granted.
// Raw SQL: runs on every page view.

export async function findCompletedPurchase(articleId: string, reader: Reader) {
  const owners = ownedPaymentConditions(reader);
  if (owners.length === 0) return null;
  const [row] = await db().$queryRaw<Array<{ id: string; receiptToken: string | null }>>`
    SELECT "id", "receiptToken" FROM "Payment"
     WHERE "articleId" = ${articleId} AND "purpose" = 'view' AND "status" = 'complete' AND (${Prisma.join(owners, " OR ")})
     LIMIT 1`;
  return row ?? null;
}

/** The paid body, read only for a free article or together with the completed purchase. */
export async function getPaidBody(articleId: string, access: { free: true } | { paymentId: string }): Promise<string> {
  const [row] =
    "paymentId" in access
      ? await db().$queryRaw<Array<{ body: string }>>`
          SELECT a."body" FROM "Article" a JOIN "Payment" p ON p."articleId" = a."id"
           WHERE a."id" = ${articleId} AND p."id" = ${access.paymentId} AND p."purpose" = 'view' AND p."status" = 'complete'`
      : await db().$queryRaw<Array<{ body: string }>>`SELECT "body" FROM "Article" WHERE "id" = ${articleId} AND "priceSats" = 0`;
  if (!row) throw new Error("getPaidBody called without access");
  return row.body;
}

/** A payment the reader may see the status of (their own, or granted by receipt). */
export async function findReaderPayment(paymentId: string, reader: Reader) {
  const payment = await db().payment.findUnique({
    where: { id: paymentId },
    select: { id: true, buyerId: true, status: true, invoiceExpiresAt: true, articleId: true, buyer: { select: { userId: true } } },
  });
  if (!payment) return null;
  const owns =
    payment.buyerId === reader.buyerId || reader.receiptPaymentIds.includes(payment.id) || (reader.userId !== null && payment.buyer.userId === reader.userId);
  return owns ? payment : null;
}
