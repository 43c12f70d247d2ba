import "server-only";
import { db } from "@/lib/db/client";
import { exclusively } from "@/lib/db/dialect";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

// What one client can make the node do. Before asking the node for an invoice, a payment
// reserves it: one conditional UPDATE that succeeds only while
//   - the buyer (browser cookie) has fewer than MAX_OPEN_INVOICES_PER_BUYER open invoices,
//   - the client address has fewer than MAX_OPEN_INVOICES_PER_ADDRESS,
//   - fewer than INVOICES_PER_MINUTE invoices were asked for site-wide in the last minute.
// "Open" = asked for or issued, unexpired, unpaid: a reservation sets invoiceExpiresAt at once,
// so invoices being created right now count too. Counted in SQL on indexed columns, so the caps
// hold across processes and stay cheap; SQLite runs the statement atomically, on PostgreSQL
// reservations take turns (exclusively()) so each one counts the ones before it.

export function invoiceBusy(): AppError {
  return new AppError(429, "Too many invoices are open right now. Please try again in a minute.", "busy");
}

export async function reserveInvoice(input: { paymentId: string; buyerId: string; clientAddress: string; expiresAt: Date }): Promise<boolean> {
  const env = getEnv();
  const now = new Date();
  const minuteAgo = new Date(now.getTime() - 60_000);
  const { paymentId, buyerId, clientAddress, expiresAt } = input;
  const count = await exclusively(db(), "invoice-reservation", (client) => client.$executeRaw`
    UPDATE "Payment" SET "invoiceRequestedAt" = ${now}, "clientAddress" = ${clientAddress}, "invoiceExpiresAt" = ${expiresAt}, "updatedAt" = ${now}
     WHERE "id" = ${paymentId} AND "status" = 'pending_invoice'
       AND (SELECT COUNT(*) FROM "Payment" AS p WHERE p."buyerId" = ${buyerId} AND p."id" <> ${paymentId}
              AND p."status" IN ('pending_invoice', 'pending_payment') AND p."invoiceExpiresAt" > ${now}) < ${env.MAX_OPEN_INVOICES_PER_BUYER}
       AND (SELECT COUNT(*) FROM "Payment" AS p WHERE p."clientAddress" = ${clientAddress} AND p."id" <> ${paymentId}
              AND p."status" IN ('pending_invoice', 'pending_payment') AND p."invoiceExpiresAt" > ${now}) < ${env.MAX_OPEN_INVOICES_PER_ADDRESS}
       AND (SELECT COUNT(*) FROM "Payment" AS p WHERE p."invoiceRequestedAt" > ${minuteAgo} AND p."id" <> ${paymentId}) < ${env.INVOICES_PER_MINUTE}`);
  return count === 1;
}

/** The node could not be asked: the reservation no longer counts as an open invoice. */
export async function releaseReservation(paymentId: string) {
  await db().$executeRaw`
    UPDATE "Payment" SET "invoiceExpiresAt" = NULL, "updatedAt" = ${new Date()} WHERE "id" = ${paymentId} AND "status" = 'pending_invoice'`;
}
