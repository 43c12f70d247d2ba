import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import type { Prisma } from "@/lib/generated/prisma/client";

// Download links (DownloadLink). Each state change is one statement: issuing is an INSERT that
// does nothing when the (entitlement, file, round) link exists, and a counted download is one
// conditional UPDATE, so usesLeft is the single source of truth however many requests race.

/** 192 random bits, base64url: 32 characters. */
export const newDownloadToken = () => randomBytes(24).toString("base64url");
export const DOWNLOAD_TOKEN = /^[A-Za-z0-9_-]{32}$/;

export type IssuedLink = { token: string; usesLeft: number; expiresAt: Date | null };

/**
 * The link of this entitlement for this file and round, made on first use (full usesLeft,
 * expiresAt as given) and returned as it is afterwards. Null when the entitlement is gone.
 * `client`: a transaction (a receipt queued as its payment completes) or the database.
 */
export async function issueDownloadLink(
  input: { entitlementId: string; fileId: string; round: number; usesLeft: number; expiresAt: Date | null },
  now = new Date(),
  client: Prisma.TransactionClient = db(),
): Promise<IssuedLink | null> {
  await client.$executeRaw`
    INSERT INTO "DownloadLink" ("id", "token", "fileId", "entitlementId", "buyerId", "round", "usesLeft", "expiresAt", "createdAt")
    SELECT ${randomUUID()}, ${newDownloadToken()}, ${input.fileId}, e."id", e."buyerId", ${input.round}, ${input.usesLeft}, ${input.expiresAt}, ${now}
      FROM "Entitlement" e WHERE e."id" = ${input.entitlementId}
    ON CONFLICT ("entitlementId", "fileId", "round") DO NOTHING`;
  const [row] = await client.$queryRaw<Array<{ token: string; usesLeft: number | bigint; expiresAt: Date | string | null }>>`
    SELECT "token", "usesLeft", "expiresAt" FROM "DownloadLink"
     WHERE "entitlementId" = ${input.entitlementId} AND "fileId" = ${input.fileId} AND "round" = ${input.round}`;
  return row ? { token: row.token, usesLeft: sqlInt(row.usesLeft), expiresAt: sqlDate(row.expiresAt) } : null;
}

export type LinkForDownload = {
  id: string;
  usesLeft: number;
  expiresAt: Date | null;
  lastCountedAt: Date | null;
  file: { id: string; status: string; storageKey: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string };
};

export async function findLinkByToken(token: string): Promise<LinkForDownload | null> {
  const [row] = await db().$queryRaw<
    Array<{ id: string; usesLeft: number | bigint; expiresAt: Date | string | null; lastCountedAt: Date | string | null; fileId: string; status: string; storageKey: string; fileName: string; mimeType: string; sizeBytes: number | bigint; sha256: string }>
  >`
    SELECT l."id", l."usesLeft", l."expiresAt", l."lastCountedAt", f."id" AS "fileId", f."status", f."storageKey", f."fileName", f."mimeType", f."sizeBytes", f."sha256"
      FROM "DownloadLink" l JOIN "StoredFile" f ON f."id" = l."fileId"
     WHERE l."token" = ${token}`;
  if (!row) return null;
  return {
    id: row.id,
    usesLeft: sqlInt(row.usesLeft),
    expiresAt: sqlDate(row.expiresAt),
    lastCountedAt: sqlDate(row.lastCountedAt),
    file: { id: row.fileId, status: row.status, storageKey: row.storageKey, fileName: row.fileName, mimeType: row.mimeType, sizeBytes: sqlInt(row.sizeBytes), sha256: row.sha256 },
  };
}

/** Takes one download from the link: true when this call took it (uses left and not expired). */
export async function takeDownloadUse(linkId: string, now = new Date()): Promise<boolean> {
  const changed = await db().$executeRaw`
    UPDATE "DownloadLink" SET "usesLeft" = "usesLeft" - 1, "lastCountedAt" = ${now}
     WHERE "id" = ${linkId} AND "usesLeft" > 0 AND ("expiresAt" IS NULL OR "expiresAt" > ${now})`;
  return changed === 1;
}
