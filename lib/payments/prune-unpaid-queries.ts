import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

// Abandoned rows cost disk and slow every count: after UNPAID_RETENTION_DAYS, payments that
// never completed (expired, error, or never got an invoice) and buyers that own nothing (no
// payment, no entitlement: a claimed gift is owned without paying) and belong to no account
// are deleted, BATCH rows per statement so a big backlog never holds the write lock for long. A complete payment is never deleted. The retention is far longer than any
// invoice can live (INVOICE_EXPIRY_SECONDS is at most a day), so no payable invoice loses its row.
// Plain SQL (DELETE ... WHERE id IN (SELECT ... LIMIT n)) that PostgreSQL runs as is.
const BATCH = 1000;

export async function pruneUnpaid(now = new Date()): Promise<{ payments: number; buyers: number }> {
  const cutoff = new Date(now.getTime() - getEnv().UNPAID_RETENTION_DAYS * 86_400_000);
  let payments = 0;
  for (;;) {
    const count = await db().$executeRaw`
      DELETE FROM "Payment" WHERE "id" IN (
        SELECT "id" FROM "Payment" WHERE "status" IN ('expired', 'error', 'pending_invoice') AND "updatedAt" < ${cutoff} LIMIT ${BATCH})`;
    payments += count;
    if (count < BATCH) break;
  }
  let buyers = 0;
  for (;;) {
    const count = await db().$executeRaw`
      DELETE FROM "Buyer" WHERE "id" IN (
        SELECT b."id" FROM "Buyer" AS b
         WHERE b."userId" IS NULL AND b."createdAt" < ${cutoff}
           AND NOT EXISTS (SELECT 1 FROM "Payment" AS p WHERE p."buyerId" = b."id")
           AND NOT EXISTS (SELECT 1 FROM "Entitlement" AS e WHERE e."buyerId" = b."id")
         LIMIT ${BATCH})`;
    buyers += count;
    if (count < BATCH) break;
  }
  return { payments, buyers };
}
