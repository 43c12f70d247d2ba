import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Reader } from "@/lib/buyers/reader";
import { Prisma } from "@/lib/generated/prisma/client";
import { type Grant, READ } from "@/lib/access/entitlements";

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

export type ArticleAccess = { entitlementId: string; paymentId: string; receiptToken: string | null };

/** The reader's entitlement to read the article, with the payment's receipt token. Raw SQL: every page view. */
export async function findReadAccess(articleId: string, reader: Reader): Promise<ArticleAccess | null> {
  const held = heldConditions(reader);
  if (held.length === 0) return null;
  const now = new Date();
  const [row] = await db().$queryRaw<ArticleAccess[]>`
    SELECT e."id" AS "entitlementId", e."paymentId", p."receiptToken"
      FROM "Entitlement" e JOIN "Payment" p ON p."id" = e."paymentId"
     WHERE e."articleId" = ${articleId} AND e."kind" = ${READ} AND (e."validUntil" IS NULL OR e."validUntil" > ${now})
       AND (${Prisma.join(held, " OR ")})
     LIMIT 1`;
  return row ?? null;
}

/** The paid body, read only together with an entitlement to read it (or for a free article). */
export async function readBody(articleId: string, access: { free: true } | { entitlementId: string }): Promise<string | null> {
  const [row] =
    "entitlementId" in access
      ? await db().$queryRaw<Array<{ body: string }>>`
          SELECT a."body" FROM "Article" a JOIN "Entitlement" e ON e."articleId" = a."id"
           WHERE a."id" = ${articleId} AND e."id" = ${access.entitlementId} AND e."kind" = ${READ}`
      : await db().$queryRaw<Array<{ body: string }>>`SELECT "body" FROM "Article" WHERE "id" = ${articleId} AND "priceSats" = 0`;
  return row?.body ?? null;
}

/** The article a completed payment's receipt token grants reading of (null: none, or not complete). */
export async function receiptEntitlement(token: string): Promise<{ paymentId: string; slug: string } | null> {
  const [row] = await db().$queryRaw<Array<{ paymentId: string; slug: string }>>`
    SELECT p."id" AS "paymentId", a."slug"
      FROM "Payment" p JOIN "Entitlement" e ON e."paymentId" = p."id" JOIN "Article" a ON a."id" = e."articleId"
     WHERE p."receiptToken" = ${token} AND p."status" = 'complete' AND e."kind" = ${READ}
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
