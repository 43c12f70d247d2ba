import "server-only";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { Prisma } from "@/lib/generated/prisma/client";
import { fileResource, READ } from "@/lib/access/entitlements";

// Which files an entitlement holds: the files of its article (kind read of an article), or the
// file it was bought for (resource "file:<id>"), while not removed (a file its owner unpublished
// stays with its buyers). Passes are not purchases of a file and hold none here (they open files
// on the file's page while they run).

const FILE_PREFIX = fileResource("");
const HELD_STATUSES = Prisma.sql`('visible', 'draft')`;

/**
 * SQL: `e` holds a file. Two EXISTS (not one with an OR), so each finds the file through an index:
 * the article's files, or the file's primary key.
 */
export const holdsAnyFile = (e = "e") => {
  const column = (name: string) => Prisma.raw(`${e}."${name}"`);
  return Prisma.sql`(EXISTS (SELECT 1 FROM "StoredFile" s1 WHERE s1."articleId" = ${column("articleId")} AND s1."status" IN ${HELD_STATUSES})
    OR (${column("resource")} LIKE ${`${FILE_PREFIX}%`}
        AND EXISTS (SELECT 1 FROM "StoredFile" s2 WHERE s2."id" = SUBSTR(${column("resource")}, ${FILE_PREFIX.length + 1}) AND s2."status" IN ${HELD_STATUSES})))`;
};

export type HeldFile = { entitlementId: string; fileId: string; title: string; fileName: string; sizeBytes: number; mimeType: string };

type HeldFileRow = Omit<HeldFile, "sizeBytes"> & { sizeBytes: number | bigint; createdAt: unknown };

/** The files the read entitlements matching `which` (a condition on `e`) hold, in upload order. */
async function heldFiles(client: Prisma.TransactionClient, which: Prisma.Sql): Promise<HeldFile[]> {
  const columns = Prisma.sql`e."id" AS "entitlementId", s."id" AS "fileId", s."title", s."fileName", s."sizeBytes", s."mimeType", s."createdAt" AS "createdAt"`;
  const rows = await client.$queryRaw<HeldFileRow[]>`
    SELECT ${columns} FROM "Entitlement" e JOIN "StoredFile" s ON s."articleId" = e."articleId"
     WHERE ${which} AND e."kind" = ${READ} AND s."status" IN ${HELD_STATUSES}
    UNION ALL
    SELECT ${columns} FROM "Entitlement" e JOIN "StoredFile" s ON s."id" = SUBSTR(e."resource", ${FILE_PREFIX.length + 1})
     WHERE ${which} AND e."kind" = ${READ} AND e."resource" LIKE ${`${FILE_PREFIX}%`} AND s."status" IN ${HELD_STATUSES}
    ORDER BY "createdAt", "fileId"`;
  return rows.map(({ createdAt: _, ...row }) => ({ ...row, sizeBytes: sqlInt(row.sizeBytes) }));
}

/** The files the read entitlements of a payment hold (its receipt lists their links). */
export function filesOfPayment(paymentId: string, client: Prisma.TransactionClient = db()): Promise<HeldFile[]> {
  return heldFiles(client, Prisma.sql`e."paymentId" = ${paymentId}`);
}

/** Files of these entitlements (a library page), in upload order. */
export async function filesOfEntitlements(entitlementIds: string[]): Promise<HeldFile[]> {
  if (entitlementIds.length === 0) return [];
  return heldFiles(db(), Prisma.sql`e."id" IN (${Prisma.join(entitlementIds)})`);
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
export async function usableLink(entitlementId: string, fileId: string, now = new Date()): Promise<{ token: string; usesLeft: number; expiresAt: Date | null } | null> {
  const [row] = await db().$queryRaw<Array<{ token: string; usesLeft: number | bigint; expiresAt: Date | string | null }>>`
    SELECT "token", "usesLeft", "expiresAt" FROM "DownloadLink"
     WHERE "entitlementId" = ${entitlementId} AND "fileId" = ${fileId} AND "usesLeft" > 0 AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
     ORDER BY "round" DESC LIMIT 1`;
  return row ? { token: row.token, usesLeft: sqlInt(row.usesLeft), expiresAt: sqlDate(row.expiresAt) } : null;
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
