import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Reader } from "@/lib/buyers/reader";
import { Prisma } from "@/lib/generated/prisma/client";
import { type Grant, PASS, READ } from "@/lib/access/entitlements";

/**
 * SQL conditions (to OR together) for the entitlements a reader holds: this browser's, those of
 * any browser the signed-in user has claimed, and those of the payments granted by receipt links.
 * Empty: holds none.
 */
export function heldConditions(reader: Reader, alias = "e"): Prisma.Sql[] {
  const buyer = Prisma.raw(`${alias}."buyerId"`);
  const payment = Prisma.raw(`${alias}."paymentId"`);
  return [
    ...(reader.buyerId ? [Prisma.sql`${buyer} = ${reader.buyerId}`] : []),
    ...(reader.userId ? [Prisma.sql`${buyer} IN (SELECT "id" FROM "Buyer" WHERE "userId" = ${reader.userId})`] : []),
    ...(reader.receiptPaymentIds.length ? [Prisma.sql`${payment} IN (${Prisma.join(reader.receiptPaymentIds)})`] : []),
  ];
}

/** passUntil: the access is a pass (of the author or the site), good until then. */
export type ArticleAccess = { entitlementId: string; paymentId: string; receiptToken: string | null; passUntil: Date | null };

// The passes that open an article: the site's, its lead author's and each co-author's (a pass
// covers every article its issuer wrote or co-wrote), and only while it is on sale (a withdrawn
// article stays readable only to those who bought it).
const passResources = (articleId: string) => Prisma.sql`
  SELECT ${"pass:site"} FROM "Article" a WHERE a."id" = ${articleId} AND a."status" = 'visible'
  UNION ALL
  SELECT ${"pass:author:"} || a."authorId" FROM "Article" a WHERE a."id" = ${articleId} AND a."status" = 'visible'
  UNION ALL
  SELECT ${"pass:author:"} || w."userId" FROM "ArticleAuthor" w JOIN "Article" a ON a."id" = w."articleId" WHERE w."articleId" = ${articleId} AND a."status" = 'visible'`;

/**
 * The reader's entitlement to read the article (a purchase first, else the pass that runs
 * longest), with the payment's receipt token. Raw SQL: every page view.
 */
export async function findReadAccess(articleId: string, reader: Reader): Promise<ArticleAccess | null> {
  const held = heldConditions(reader);
  if (held.length === 0) return null;
  const now = new Date();
  const [row] = await db().$queryRaw<Array<Omit<ArticleAccess, "passUntil"> & { kind: string; validUntil: Date | string | null }>>`
    SELECT e."id" AS "entitlementId", e."paymentId", p."receiptToken", e."kind", e."validUntil"
      FROM "Entitlement" e JOIN "Payment" p ON p."id" = e."paymentId"
     WHERE ((e."articleId" = ${articleId} AND e."kind" = ${READ}) OR (e."kind" = ${PASS} AND e."resource" IN (${passResources(articleId)})))
       AND (e."validUntil" IS NULL OR e."validUntil" > ${now})
       AND (${Prisma.join(held, " OR ")})
     ORDER BY CASE WHEN e."kind" = ${READ} THEN 0 ELSE 1 END, e."validUntil" DESC
     LIMIT 1`;
  if (!row) return null;
  const { kind, validUntil, ...access } = row;
  return { ...access, passUntil: kind === PASS && validUntil !== null ? new Date(validUntil) : null };
}

/** The paid body, read only together with an entitlement to read it (or for a free article). */
export async function readBody(articleId: string, access: { free: true } | { entitlementId: string }): Promise<string | null> {
  const now = new Date();
  const [row] =
    "entitlementId" in access
      ? await db().$queryRaw<Array<{ body: string }>>`
          SELECT a."body" FROM "Article" a JOIN "Entitlement" e ON e."id" = ${access.entitlementId}
           WHERE a."id" = ${articleId}
             AND ((e."kind" = ${READ} AND e."articleId" = a."id")
               OR (e."kind" = ${PASS} AND e."validUntil" > ${now} AND e."resource" IN (${passResources(articleId)})))`
      : await db().$queryRaw<Array<{ body: string }>>`SELECT "body" FROM "Article" WHERE "id" = ${articleId} AND "priceSats" = 0`;
  return row?.body ?? null;
}

/**
 * When the latest pass for this resource held by the paying browser ends, or by any browser of
 * the account that holds it (a renewal from another browser extends the account's pass); null:
 * never held one.
 */
export async function passEnd(tx: Prisma.TransactionClient, buyerId: string, resource: string): Promise<Date | null> {
  const [row] = await tx.$queryRaw<Array<{ end: Date | string | null }>>`
    SELECT MAX(e."validUntil") AS "end" FROM "Entitlement" e
     WHERE e."kind" = ${PASS} AND e."resource" = ${resource}
       AND (e."buyerId" = ${buyerId}
         OR e."buyerId" IN (SELECT other."id" FROM "Buyer" payer JOIN "Buyer" other ON other."userId" = payer."userId" WHERE payer."id" = ${buyerId}))`;
  return row?.end ? new Date(row.end) : null;
}

/**
 * What a completed payment's receipt token restores: reading an article (its slug), or a pass
 * (slug null). Null: unknown token, not complete, or nothing a receipt restores (an upvote).
 */
export async function receiptEntitlement(token: string): Promise<{ paymentId: string; slug: string | null } | null> {
  const [row] = await db().$queryRaw<Array<{ paymentId: string; slug: string | null }>>`
    SELECT p."id" AS "paymentId", a."slug"
      FROM "Payment" p JOIN "Entitlement" e ON e."paymentId" = p."id" LEFT JOIN "Article" a ON a."id" = e."articleId"
     WHERE p."receiptToken" = ${token} AND p."status" = 'complete'
       AND ((e."kind" = ${READ} AND a."id" IS NOT NULL) OR e."kind" = ${PASS})
     LIMIT 1`;
  return row ?? null;
}

/** Idempotent per (payment, resource): a grant seen twice is written once. */
export async function grant(tx: Prisma.TransactionClient, entry: Grant): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Entitlement" ("id", "paymentId", "buyerId", "kind", "resource", "articleId", "validUntil", "usesLeft", "createdAt")
    VALUES (${randomUUID()}, ${entry.paymentId}, ${entry.buyerId}, ${entry.kind}, ${entry.resource},
            ${entry.articleId ?? null}, ${entry.validUntil ?? null}, ${entry.usesLeft ?? null}, ${entry.at})
    ON CONFLICT ("paymentId", "resource") DO NOTHING`;
}

/** When the reader's running pass for this resource ends (null: none running). */
export async function heldPassUntil(reader: Reader, resource: string): Promise<Date | null> {
  const held = heldConditions(reader);
  if (held.length === 0) return null;
  const [row] = await db().$queryRaw<Array<{ end: Date | string | null }>>`
    SELECT MAX(e."validUntil") AS "end" FROM "Entitlement" e
     WHERE e."kind" = ${PASS} AND e."resource" = ${resource} AND e."validUntil" > ${new Date()} AND (${Prisma.join(held, " OR ")})`;
  return row?.end ? new Date(row.end) : null;
}
