import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { lockForTransaction } from "@/lib/db/dialect";
import type { Prisma } from "@/lib/generated/prisma/client";

// Email verification links (EmailVerification rows hold the token's sha256, never the token).
// Each step is one statement: the send limit is part of the INSERT, using a link is one
// conditional UPDATE. SQL kept portable to PostgreSQL.

/**
 * Records a new link unless the user was sent one after `quietSince` (the send limit, checked in
 * the same statement). True when recorded. Under PostgreSQL's READ COMMITTED two such INSERTs
 * would both see no recent row: the user's lock makes them take turns.
 */
export async function insertVerificationUnlessRecent(
  tx: Prisma.TransactionClient,
  row: { userId: string; email: string; tokenHash: string; now: Date; expiresAt: Date; quietSince: Date },
): Promise<boolean> {
  await lockForTransaction(tx, `email-verification:${row.userId}`);
  const inserted = await tx.$executeRaw`
    INSERT INTO "EmailVerification" ("id", "tokenHash", "userId", "email", "createdAt", "expiresAt")
    SELECT ${randomUUID()}, ${row.tokenHash}, ${row.userId}, ${row.email}, ${row.now}, ${row.expiresAt}
     WHERE NOT EXISTS (SELECT 1 FROM "EmailVerification" WHERE "userId" = ${row.userId} AND "createdAt" > ${row.quietSince})`;
  return inserted === 1;
}

export type LinkState = "live" | "used" | "expired" | "unknown";

/** What a link is now (the confirm page reads it; only the POST uses it). */
export async function verificationState(tokenHash: string, now: Date): Promise<{ state: LinkState; email: string | null }> {
  const row = await db().emailVerification.findUnique({ where: { tokenHash }, select: { email: true, expiresAt: true, usedAt: true } });
  if (!row) return { state: "unknown", email: null };
  return { state: row.usedAt ? "used" : row.expiresAt <= now ? "expired" : "live", email: row.email };
}

/**
 * Uses the link: one conditional UPDATE (unused and unexpired) takes it, and in the same
 * transaction the user's address is marked verified, only if it is still the one the link was
 * sent to. Returns the verified address, or why not.
 */
export async function consumeVerification(tokenHash: string, now: Date): Promise<{ ok: true; email: string } | { ok: false; state: LinkState | "changed" }> {
  return db().$transaction(async (tx) => {
    const taken = await tx.$executeRaw`
      UPDATE "EmailVerification" SET "usedAt" = ${now} WHERE "tokenHash" = ${tokenHash} AND "usedAt" IS NULL AND "expiresAt" > ${now}`;
    const row = await tx.emailVerification.findUnique({ where: { tokenHash }, select: { userId: true, email: true, expiresAt: true } });
    if (taken !== 1) return { ok: false as const, state: !row ? "unknown" : row.expiresAt <= now ? "expired" : "used" };
    const verified = await tx.$executeRaw`
      UPDATE "User" SET "emailVerifiedAt" = ${now} WHERE "id" = ${row!.userId} AND "email" = ${row!.email}`;
    return verified === 1 ? { ok: true as const, email: row!.email } : { ok: false as const, state: "changed" as const };
  });
}

/** Sets the account's address; a different one than before is unverified until its link is used. */
export async function setUserEmail(userId: string, email: string | null): Promise<{ changed: boolean; verified: boolean }> {
  const changed = await db().$executeRaw`
    UPDATE "User" SET "email" = ${email}, "emailVerifiedAt" = NULL WHERE "id" = ${userId} AND ("email" IS NULL OR "email" <> ${email ?? ""})`;
  if (changed === 1 || email === null) return { changed: changed === 1, verified: false };
  const row = await db().user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return { changed: false, verified: row?.emailVerifiedAt != null };
}

export async function accountEmail(userId: string): Promise<{ email: string | null; verified: boolean }> {
  const row = await db().user.findUnique({ where: { id: userId }, select: { email: true, emailVerifiedAt: true } });
  return { email: row?.email ?? null, verified: Boolean(row?.email && row.emailVerifiedAt) };
}
