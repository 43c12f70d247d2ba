import "server-only";
import { db } from "@/lib/db/client";
import { exclusively } from "@/lib/db/dialect";

// The development node's invoices: each change one conditional UPDATE, so paying and canceling
// race safely (one wins) and a settled or canceled invoice never changes again.

/** Cancels an open invoice; returns 1 when this call canceled it. */
export async function cancelDevInvoice(paymentHash: string): Promise<number> {
  return db().$executeRaw`
    UPDATE "DevInvoice" SET "canceledAt" = ${new Date()} WHERE "paymentHash" = ${paymentHash} AND "settledAt" IS NULL AND "canceledAt" IS NULL`;
}

/**
 * Settles an open invoice with the next settle index; returns 1 when this call settled it.
 * Settlements take turns (exclusively(): PostgreSQL would give two at once the same index, or
 * commit 7 before 6 and let the stream's cursor pass 6 by), so indexes grow in commit order.
 */
export async function settleDevInvoice(paymentHash: string, settledAt: Date): Promise<number> {
  return exclusively(db(), "dev-invoice-settle", (client) => client.$executeRaw`
    UPDATE "DevInvoice"
       SET "settleIndex" = (SELECT COALESCE(MAX("settleIndex"), 0) + 1 FROM "DevInvoice"),
           "settledAt" = ${settledAt}
     WHERE "paymentHash" = ${paymentHash} AND "settleIndex" IS NULL AND "canceledAt" IS NULL`);
}
