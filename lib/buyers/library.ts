import "server-only";
import type { Reader } from "@/lib/buyers/reader";
import { ownedPaymentConditions } from "@/lib/buyers/owned-payments";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { Prisma } from "@/lib/generated/prisma/client";

/** Every article the reader bought (newest first), including ones an admin has since removed. */
export async function listPurchases(reader: Reader) {
  const owners = ownedPaymentConditions(reader, Prisma.raw(`p."buyerId"`), Prisma.raw(`p."id"`));
  if (owners.length === 0) return [];
  const rows = await db().$queryRaw<
    Array<{ paymentId: string; slug: string; title: string; status: string; amountSats: bigint; settledAt: string | null; receiptToken: string | null }>
  >`
    SELECT p."id" AS "paymentId", a."slug", a."title", a."status", p."amountSats", p."settledAt", p."receiptToken"
      FROM "Payment" p JOIN "Article" a ON a."id" = p."articleId"
     WHERE p."purpose" = 'view' AND p."status" = 'complete' AND (${Prisma.join(owners, " OR ")})
     ORDER BY p."settledAt" DESC`;
  // One line per article even if two of the reader's browsers bought it.
  const seen = new Set<string>();
  return rows
    .filter((row) => !seen.has(row.slug) && seen.add(row.slug))
    .map((row) => ({ ...row, amountSats: sqlInt(row.amountSats), settledAt: sqlDate(row.settledAt) }));
}
