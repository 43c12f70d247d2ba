import "server-only";
import type { Reader } from "@/lib/buyers/reader";
import { heldConditions } from "@/lib/access/entitlement-queries";
import { PASS, READ } from "@/lib/access/entitlements";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { Prisma } from "@/lib/generated/prisma/client";
import { type Cursor, olderThan, PAGE_QUERY_LIMIT, toPage } from "@/lib/pagination/keyset-cursor";

type PurchaseRow = { paymentId: string; slug: string; title: string; status: string; amountSats: bigint; settledAt: string; receiptToken: string | null; entitlementId: string };

/**
 * One page of the articles the reader holds an entitlement to read, newest first, including ones
 * an admin has since removed. Keyset on (createdAt, id) through the Entitlement (buyerId, kind,
 * createdAt, id) index; an entitlement is created when its payment settles. An article bought
 * from two of the reader's browsers is listed once, at its latest purchase: the NOT EXISTS drops
 * an entitlement when the reader holds a later one to the same article, which does not depend on
 * the page, so the line never shows up twice across pages either.
 */
export async function listPurchases(reader: Reader, before: Cursor | null = null) {
  const held = heldConditions(reader, "e");
  const laterHeld = heldConditions(reader, "f");
  if (held.length === 0) return { items: [], older: null };
  const rows = await db().$queryRaw<PurchaseRow[]>`
    SELECT p."id" AS "paymentId", e."id" AS "entitlementId", a."slug", a."title", a."status", p."amountSats", e."createdAt" AS "settledAt", p."receiptToken"
      FROM "Entitlement" e JOIN "Payment" p ON p."id" = e."paymentId" JOIN "Article" a ON a."id" = e."articleId"
     WHERE e."kind" = ${READ} AND (${Prisma.join(held, " OR ")})
       ${olderThan(before, `e."createdAt"`, `e."id"`)}
       AND NOT EXISTS (
         SELECT 1 FROM "Entitlement" f
          WHERE f."articleId" = e."articleId" AND f."kind" = ${READ}
            AND (f."createdAt", f."id") > (e."createdAt", e."id") AND (${Prisma.join(laterHeld, " OR ")}))
     ORDER BY e."createdAt" DESC, e."id" DESC
     LIMIT ${PAGE_QUERY_LIMIT}`;
  const page = toPage(rows, (row) => ({ at: row.settledAt, id: row.entitlementId }));
  return {
    items: page.items.map(({ entitlementId: _, ...row }) => ({ ...row, amountSats: sqlInt(row.amountSats), settledAt: sqlDate(row.settledAt) })),
    older: page.older,
  };
}

export type HeldPass = { resource: string; issuer: string | null; until: Date; running: boolean; receiptToken: string | null };

/**
 * The passes the reader holds (this browser's, the account's, receipt links'), one line per
 * issuer with the end of the latest: "running until" or "ended". At most 50 (one per issuer).
 */
export async function listPasses(reader: Reader, now = new Date()): Promise<HeldPass[]> {
  const held = heldConditions(reader, "e");
  const latestHeld = heldConditions(reader, "f");
  if (held.length === 0) return [];
  const rows = await db().$queryRaw<Array<{ resource: string; until: Date | string; receiptToken: string | null }>>`
    SELECT e."resource", MAX(e."validUntil") AS "until",
           (SELECT p."receiptToken" FROM "Entitlement" f JOIN "Payment" p ON p."id" = f."paymentId"
             WHERE f."kind" = ${PASS} AND f."resource" = e."resource" AND (${Prisma.join(latestHeld, " OR ")})
             ORDER BY f."validUntil" DESC LIMIT 1) AS "receiptToken"
      FROM "Entitlement" e
     WHERE e."kind" = ${PASS} AND e."validUntil" IS NOT NULL AND (${Prisma.join(held, " OR ")})
     GROUP BY e."resource"
     ORDER BY MAX(e."validUntil") DESC
     LIMIT 50`;
  const issuerIds = rows.map((row) => row.resource.replace(/^pass:author:/, "")).filter((id, index) => rows[index]!.resource !== id);
  const profiles = issuerIds.length ? await db().profile.findMany({ where: { userId: { in: issuerIds } }, select: { userId: true, displayName: true } }) : [];
  const names = new Map(profiles.map((profile) => [profile.userId, profile.displayName]));
  return rows.map((row) => {
    const until = sqlDate(row.until)!;
    const issuerId = row.resource.startsWith("pass:author:") ? row.resource.slice("pass:author:".length) : null;
    return { resource: row.resource, issuer: issuerId ? (names.get(issuerId) ?? "an author") : null, until, running: until > now, receiptToken: row.receiptToken };
  });
}
