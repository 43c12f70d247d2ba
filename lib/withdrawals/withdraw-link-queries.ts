import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatSats } from "@/lib/withdrawals/format-sats";

// LNURL-withdraw codes (WithdrawLink): 32 random bytes, bound to the user who made one, expiring,
// used once. A user holds one live code: making a new one retires the earlier ones.
type Tx = Prisma.TransactionClient;
export type WithdrawLinkRow = { k1: string; userId: string; maxMsats: bigint; expiresAt: Date; usedAt: Date | null; withdrawalId: string | null };

export async function createWithdrawLinkRow(userId: string, maxMsats: bigint, seconds: number): Promise<WithdrawLinkRow> {
  const k1 = randomBytes(32).toString("hex");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + seconds * 1000);
  await db().$transaction(async (tx) => {
    await tx.$executeRaw`UPDATE "WithdrawLink" SET "expiresAt" = ${now} WHERE "userId" = ${userId} AND "usedAt" IS NULL AND "expiresAt" > ${now}`;
    await tx.$executeRaw`INSERT INTO "WithdrawLink" ("k1", "userId", "maxMsats", "createdAt", "expiresAt") VALUES (${k1}, ${userId}, ${maxMsats}, ${now}, ${expiresAt})`;
  });
  return { k1, userId, maxMsats, expiresAt, usedAt: null, withdrawalId: null };
}

export async function findWithdrawLink(k1: string): Promise<WithdrawLinkRow | null> {
  return db().withdrawLink.findUnique({ where: { k1 }, select: { k1: true, userId: true, maxMsats: true, expiresAt: true, usedAt: true, withdrawalId: true } });
}

/** The user's live (unused, unexpired) code, if any. */
export async function liveWithdrawLink(userId: string): Promise<WithdrawLinkRow | null> {
  return db().withdrawLink.findFirst({
    where: { userId, usedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { k1: true, userId: true, maxMsats: true, expiresAt: true, usedAt: true, withdrawalId: true },
  });
}

/** Why a code cannot be used (null: it can), for the wallet's error message. */
export function linkProblem(link: WithdrawLinkRow | null, now = new Date()): AppError | null {
  if (!link) return new AppError(404, "Unknown withdraw code", "unknown_k1");
  if (link.usedAt) return new AppError(410, "This withdraw code was already used; make a new one on your account page", "k1_used");
  if (link.expiresAt.getTime() <= now.getTime()) return new AppError(410, "This withdraw code has expired; make a new one on your account page", "k1_expired");
  return null;
}

/** Marks the code used in the withdrawal's transaction (one conditional UPDATE); refuses a used, expired or too-small one. */
export async function consumeWithdrawLink(tx: Tx, k1: string, userId: string, amountMsats: bigint): Promise<void> {
  const now = new Date();
  const changed = await tx.$executeRaw`
    UPDATE "WithdrawLink" SET "usedAt" = ${now}
     WHERE "k1" = ${k1} AND "userId" = ${userId} AND "usedAt" IS NULL AND "expiresAt" > ${now} AND "maxMsats" >= ${amountMsats}`;
  if (changed === 1) return;
  const link = await tx.withdrawLink.findUnique({ where: { k1 } });
  const problem = linkProblem(link && link.userId === userId ? link : null, now);
  if (problem) throw problem;
  throw new AppError(400, `This code allows at most ${formatSats(link!.maxMsats)}`, "above_link_maximum");
}

export async function attachWithdrawal(tx: Tx, k1: string, withdrawalId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "WithdrawLink" SET "withdrawalId" = ${withdrawalId} WHERE "k1" = ${k1}`;
}
