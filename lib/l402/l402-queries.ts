import "server-only";
import { articleResource, fileResource } from "@/lib/access/entitlements";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
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
  if (access.target.kind !== "article") return null;
  const [row] = await db().$queryRaw<Array<{ body: string }>>`
    SELECT a."body" FROM "Article" a JOIN "Payment" p ON p."articleId" = a."id"
     WHERE a."id" = ${access.target.id} AND p."paymentHash" = ${access.paymentHash} AND p."purpose" = ${access.purpose}`;
  return row?.body ?? null;
}

export type L402Sale = {
  paymentId: string;
  articleTitle: string | null;
  articleSlug: string | null;
  /** A file sold alone (its payment names no article). */
  fileId: string | null;
  fileTitle: string | null;
  amountSats: number;
  settledAt: Date;
};

/** Completed L402 sales (articles and files), newest first, one keyset page (the admin's list). */
export async function listL402Sales(purposes: string[], before: Cursor | null): Promise<Page<L402Sale>> {
  const rows = await db().$queryRaw<Array<{ paymentId: string; articleTitle: string | null; articleSlug: string | null; args: string | null; amountSats: bigint | number; settledAt: string | Date }>>`
    SELECT p."id" AS "paymentId", a."title" AS "articleTitle", a."slug" AS "articleSlug", p."args", p."amountSats", p."settledAt"
      FROM "Payment" p LEFT JOIN "Article" a ON a."id" = p."articleId"
     WHERE p."purpose" IN (${Prisma.join(purposes)}) AND p."status" = 'complete' ${olderThan(before, 'p."settledAt"', 'p."id"')}
     ORDER BY p."settledAt" DESC, p."id" DESC
     LIMIT ${PAGE_QUERY_LIMIT}`;
  const page = toPage(rows, (row) => ({ at: row.settledAt, id: row.paymentId }));
  const fileIds = page.items.map((row) => (row.articleTitle === null ? fileIdOf(row.args) : null));
  const wanted = fileIds.filter((id): id is string => id !== null);
  const titles = new Map(
    wanted.length ? (await db().$queryRaw<Array<{ id: string; title: string }>>`SELECT "id", "title" FROM "StoredFile" WHERE "id" IN (${Prisma.join(wanted)})`).map((row) => [row.id, row.title]) : [],
  );
  return {
    ...page,
    items: page.items.map(({ args: _args, ...row }, index) => {
      const fileId = fileIds[index] ?? null;
      return { ...row, fileId, fileTitle: fileId ? (titles.get(fileId) ?? null) : null, amountSats: sqlInt(row.amountSats), settledAt: sqlDate(row.settledAt)! };
    }),
  };
}

function fileIdOf(args: string | null): string | null {
  try {
    const parsed = args ? (JSON.parse(args) as { fileId?: unknown }) : null;
    return typeof parsed?.fileId === "string" ? parsed.fileId : null;
  } catch {
    return null;
  }
}

/**
 * The entitlement a verified credential's payment holds (an article's or a file's), to issue its
 * download link under. Null until the settlement is credited (the caller may ask the node).
 */
export async function l402Entitlement(access: VerifiedAccess): Promise<{ entitlementId: string; paymentId: string } | null> {
  const resource = access.target.kind === "article" ? articleResource(access.target.id) : fileResource(access.target.id);
  const [row] = await db().$queryRaw<Array<{ entitlementId: string; paymentId: string }>>`
    SELECT e."id" AS "entitlementId", p."id" AS "paymentId"
      FROM "Payment" p JOIN "Entitlement" e ON e."paymentId" = p."id"
     WHERE p."paymentHash" = ${access.paymentHash} AND p."purpose" = ${access.purpose} AND e."resource" = ${resource}`;
  return row ?? null;
}

/** The payment behind a verified credential, to ask the node about when it is not credited yet. */
export async function l402Payment(access: VerifiedAccess): Promise<{ id: string; paymentHash: string } | null> {
  const [row] = await db().$queryRaw<Array<{ id: string; paymentHash: string }>>`
    SELECT p."id", p."paymentHash" FROM "Payment" p WHERE p."paymentHash" = ${access.paymentHash} AND p."purpose" = ${access.purpose}`;
  return row ?? null;
}
