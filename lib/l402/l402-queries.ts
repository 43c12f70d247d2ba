import "server-only";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { type Cursor, olderThan, type Page, PAGE_QUERY_LIMIT, toPage } from "@/lib/pagination/keyset-cursor";
import type { VerifiedAccess } from "@/lib/l402/l402-access";

/**
 * The paid body for a verified L402 credential. Besides the cryptography (checked before), the
 * credential's payment hash must be one this site issued for this article: a stolen root key
 * alone cannot mint access to an invoice we never made. Not filtered on the payment's status:
 * the preimage proves it was paid, and the settlement watcher may credit it a moment later.
 */
export async function readBodyWithL402(access: VerifiedAccess): Promise<string | null> {
  const [row] = await db().$queryRaw<Array<{ body: string }>>`
    SELECT a."body" FROM "Article" a JOIN "Payment" p ON p."articleId" = a."id"
     WHERE a."id" = ${access.articleId} AND p."paymentHash" = ${access.paymentHash} AND p."purpose" = ${access.purpose}`;
  return row?.body ?? null;
}

export type L402Sale = { paymentId: string; articleTitle: string | null; articleSlug: string | null; amountSats: number; settledAt: Date };

/** Completed L402 sales, newest first, one keyset page (the admin's list). */
export async function listL402Sales(purpose: string, before: Cursor | null): Promise<Page<L402Sale>> {
  const rows = await db().$queryRaw<Array<{ paymentId: string; articleTitle: string | null; articleSlug: string | null; amountSats: bigint | number; settledAt: string | Date }>>`
    SELECT p."id" AS "paymentId", a."title" AS "articleTitle", a."slug" AS "articleSlug", p."amountSats", p."settledAt"
      FROM "Payment" p LEFT JOIN "Article" a ON a."id" = p."articleId"
     WHERE p."purpose" = ${purpose} AND p."status" = 'complete' ${olderThan(before, 'p."settledAt"', 'p."id"')}
     ORDER BY p."settledAt" DESC, p."id" DESC
     LIMIT ${PAGE_QUERY_LIMIT}`;
  const page = toPage(rows, (row) => ({ at: row.settledAt, id: row.paymentId }));
  return { ...page, items: page.items.map((row) => ({ ...row, amountSats: sqlInt(row.amountSats), settledAt: sqlDate(row.settledAt)! })) };
}
