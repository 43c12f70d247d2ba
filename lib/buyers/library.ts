import "server-only";
import type { Reader } from "@/lib/buyers/reader";
import { ownedPaymentConditions } from "@/lib/buyers/owned-payments";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { Prisma } from "@/lib/generated/prisma/client";
import { type Cursor, olderThan, PAGE_QUERY_LIMIT, toPage } from "@/lib/pagination/keyset-cursor";

type PurchaseRow = { paymentId: string; slug: string; title: string; status: string; amountSats: bigint; settledAt: string; receiptToken: string | null };

/**
 * One page of the articles the reader bought, newest purchase first, including ones an admin has
 * since removed. Keyset on (settledAt, id) through the Payment (buyerId, settledAt, id) index.
 * An article bought from two of the reader's browsers is listed once, at its latest purchase:
 * the NOT EXISTS drops a purchase when the reader owns a later one of the same article, which
 * does not depend on the page, so the line never shows up twice across pages either.
 */
export async function listPurchases(reader: Reader, before: Cursor | null = null) {
  const owners = ownedPaymentConditions(reader, Prisma.raw(`p."buyerId"`), Prisma.raw(`p."id"`));
  const laterOwners = ownedPaymentConditions(reader, Prisma.raw(`q."buyerId"`), Prisma.raw(`q."id"`));
  if (owners.length === 0) return { items: [], older: null };
  const rows = await db().$queryRaw<PurchaseRow[]>`
    SELECT p."id" AS "paymentId", a."slug", a."title", a."status", p."amountSats", p."settledAt", p."receiptToken"
      FROM "Payment" p JOIN "Article" a ON a."id" = p."articleId"
     WHERE p."purpose" = 'view' AND p."status" = 'complete' AND (${Prisma.join(owners, " OR ")})
       ${olderThan(before, `p."settledAt"`, `p."id"`)}
       AND NOT EXISTS (
         SELECT 1 FROM "Payment" q
          WHERE q."articleId" = p."articleId" AND q."purpose" = 'view' AND q."status" = 'complete'
            AND (q."settledAt", q."id") > (p."settledAt", p."id") AND (${Prisma.join(laterOwners, " OR ")}))
     ORDER BY p."settledAt" DESC, p."id" DESC
     LIMIT ${PAGE_QUERY_LIMIT}`;
  const page = toPage(rows, (row) => ({ at: row.settledAt, id: row.paymentId }));
  return { items: page.items.map((row) => ({ ...row, amountSats: sqlInt(row.amountSats), settledAt: sqlDate(row.settledAt) })), older: page.older };
}
