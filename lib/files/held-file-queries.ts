import "server-only";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { Prisma } from "@/lib/generated/prisma/client";
import { fileResource, READ } from "@/lib/access/entitlements";

// Which files an entitlement holds: the visible files of its article (kind read of an article),
// or the file it was bought for (resource "file:<id>"). Passes are not purchases of a file and
// hold none here (they open files on the file's page while they run).

/** `e` holds file `s` (SQL aliases); portable to PostgreSQL. */
export const holdsFile = (e = "e", s = "s") =>
  Prisma.sql`((${Prisma.raw(`${e}."articleId"`)} IS NOT NULL AND ${Prisma.raw(`${s}."articleId"`)} = ${Prisma.raw(`${e}."articleId"`)})
             OR ${Prisma.raw(`${e}."resource"`)} = ${fileResource("")} || ${Prisma.raw(`${s}."id"`)})`;

export type HeldFile = { entitlementId: string; fileId: string; title: string; fileName: string; sizeBytes: number; mimeType: string };

/** The visible files the read entitlements of a payment hold (its receipt lists their links). */
export async function filesOfPayment(paymentId: string, client: Prisma.TransactionClient = db()): Promise<HeldFile[]> {
  const rows = await client.$queryRaw<Array<Omit<HeldFile, "sizeBytes"> & { sizeBytes: number | bigint }>>`
    SELECT e."id" AS "entitlementId", s."id" AS "fileId", s."title", s."fileName", s."sizeBytes", s."mimeType"
      FROM "Entitlement" e JOIN "StoredFile" s ON ${holdsFile()}
     WHERE e."paymentId" = ${paymentId} AND e."kind" = ${READ} AND s."status" = 'visible'
     ORDER BY s."createdAt", s."id"`;
  return rows.map((row) => ({ ...row, sizeBytes: sqlInt(row.sizeBytes) }));
}

/** Files of these entitlements (a library page), in upload order. */
export async function filesOfEntitlements(entitlementIds: string[]): Promise<HeldFile[]> {
  if (entitlementIds.length === 0) return [];
  const rows = await db().$queryRaw<Array<Omit<HeldFile, "sizeBytes"> & { sizeBytes: number | bigint }>>`
    SELECT e."id" AS "entitlementId", s."id" AS "fileId", s."title", s."fileName", s."sizeBytes", s."mimeType"
      FROM "Entitlement" e JOIN "StoredFile" s ON ${holdsFile()}
     WHERE e."id" IN (${Prisma.join(entitlementIds)}) AND s."status" = 'visible'
     ORDER BY s."createdAt", s."id"`;
  return rows.map((row) => ({ ...row, sizeBytes: sqlInt(row.sizeBytes) }));
}

export type LinkState = { entitlementId: string; fileId: string; round: number; token: string; usesLeft: number; expiresAt: Date | null };

/** Every download link of these entitlements (a handful per purchase). */
export async function linksOfEntitlements(entitlementIds: string[]): Promise<LinkState[]> {
  if (entitlementIds.length === 0) return [];
  const rows = await db().$queryRaw<Array<{ entitlementId: string; fileId: string; round: number | bigint; token: string; usesLeft: number | bigint; expiresAt: Date | string | null }>>`
    SELECT "entitlementId", "fileId", "round", "token", "usesLeft", "expiresAt" FROM "DownloadLink"
     WHERE "entitlementId" IN (${Prisma.join(entitlementIds)})`;
  return rows.map((row) => ({ ...row, round: sqlInt(row.round), usesLeft: sqlInt(row.usesLeft), expiresAt: sqlDate(row.expiresAt) }));
}

/** The newest link of this holder for the file that still has downloads (a notify round first), if any. */
export async function usableLink(entitlementId: string, fileId: string, now = new Date()): Promise<{ token: string } | null> {
  const [row] = await db().$queryRaw<Array<{ token: string }>>`
    SELECT "token" FROM "DownloadLink"
     WHERE "entitlementId" = ${entitlementId} AND "fileId" = ${fileId} AND "usesLeft" > 0 AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
     ORDER BY "round" DESC LIMIT 1`;
  return row ?? null;
}

export type FileHolder = { entitlementId: string; address: string | null };

/**
 * Everyone who bought the file (with its article, or alone), oldest purchase first, with the
 * address to mail: the payment's receipt address, else the holder's user's verified address.
 */
export async function holdersOfFile(file: { id: string; articleId: string | null }): Promise<FileHolder[]> {
  const rows = await db().$queryRaw<FileHolder[]>`
    SELECT e."id" AS "entitlementId",
           COALESCE(p."receiptEmail",
                    (SELECT u."email" FROM "Buyer" b JOIN "User" u ON u."id" = b."userId"
                      WHERE b."id" = e."buyerId" AND u."emailVerifiedAt" IS NOT NULL)) AS "address"
      FROM "Entitlement" e JOIN "Payment" p ON p."id" = e."paymentId"
     WHERE e."kind" = ${READ}
       AND (${file.articleId ? Prisma.sql`e."articleId" = ${file.articleId} OR ` : Prisma.empty} e."resource" = ${fileResource(file.id)})
     ORDER BY e."createdAt", e."id"`;
  return rows;
}
