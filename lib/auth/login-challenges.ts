import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { sqlDate } from "@/lib/db/sql-values";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { publishChallengeAnswered } from "@/lib/auth/challenge-events";
import type { ChallengeAction } from "@/lib/auth/lnurl-auth";

// Sign-in challenges. Each is bound to the browser that asked for it (its signed buyer id),
// answered at most once (by a wallet's LNURL-auth callback or an LND node signature) and, for a
// sign-in, redeemed at most once by that same browser, all before it expires. Every step is one
// conditional UPDATE, so a replayed or concurrent answer changes nothing.
const RATE_WINDOW_MS = 10 * 60_000;
// Backstop against floods from clients that rotate addresses and cookies.
const MAX_LIVE_CHALLENGES = 20_000;

export type AnsweredBy = "lnurl" | "lnd";
export type ChallengeRow = {
  k1: string;
  action: ChallengeAction;
  browserId: string;
  userId: string | null;
  pubkey: string | null;
  answeredBy: AnsweredBy | null;
  answeredAt: Date | null;
  consumedAt: Date | null;
  expiresAt: Date;
};

export async function createLoginChallenge(input: { action: ChallengeAction; browserId: string; clientKey: string; userId?: string }) {
  const env = getEnv();
  const now = new Date();
  const since = new Date(now.getTime() - RATE_WINDOW_MS);
  const [counts] = await db().$queryRaw<Array<{ byClient: bigint; byBrowser: bigint; live: bigint }>>`
    SELECT (SELECT COUNT(*) FROM "LoginChallenge" WHERE "clientKey" = ${input.clientKey} AND "createdAt" > ${since}) AS "byClient",
           (SELECT COUNT(*) FROM "LoginChallenge" WHERE "browserId" = ${input.browserId} AND "createdAt" > ${since}) AS "byBrowser",
           (SELECT COUNT(*) FROM "LoginChallenge" WHERE "expiresAt" > ${now}) AS "live"`;
  const limit = BigInt(env.LOGIN_CHALLENGES_PER_WINDOW);
  if (counts!.byClient >= limit || counts!.byBrowser >= limit) {
    throw new AppError(429, "Too many sign-in attempts from here; wait a few minutes and try again", "rate_limited");
  }
  if (counts!.live >= BigInt(MAX_LIVE_CHALLENGES)) {
    throw new AppError(503, "Sign-in is busy right now; try again in a few minutes", "busy");
  }
  // Expired challenges are worthless after a grace period; clearing them here keeps the table small.
  await db().$executeRaw`DELETE FROM "LoginChallenge" WHERE "expiresAt" < ${since}`;
  const k1 = randomBytes(32).toString("hex");
  const expiresAt = new Date(now.getTime() + env.LOGIN_CHALLENGE_SECONDS * 1000);
  await db().$executeRaw`
    INSERT INTO "LoginChallenge" ("k1", "action", "browserId", "userId", "clientKey", "createdAt", "expiresAt")
    VALUES (${k1}, ${input.action}, ${input.browserId}, ${input.userId ?? null}, ${input.clientKey}, ${now}, ${expiresAt})`;
  return { k1, expiresAt };
}

export async function findChallenge(k1: string): Promise<ChallengeRow | null> {
  const [row] = await db().$queryRaw<ChallengeRow[]>`
    SELECT "k1", "action", "browserId", "userId", "pubkey", "answeredBy", "answeredAt", "consumedAt", "expiresAt"
      FROM "LoginChallenge" WHERE "k1" = ${k1}`;
  if (!row) return null;
  return { ...row, answeredAt: sqlDate(row.answeredAt), consumedAt: sqlDate(row.consumedAt), expiresAt: sqlDate(row.expiresAt)! };
}

/**
 * Records the key that answered the challenge. Throws the reason when the challenge is unknown,
 * expired or already answered (a replay), so the wallet or the page can say so.
 */
export async function answerChallenge(k1: string, pubkey: string, by: AnsweredBy): Promise<void> {
  const now = new Date();
  const changed = await db().$executeRaw`
    UPDATE "LoginChallenge" SET "pubkey" = ${pubkey}, "answeredBy" = ${by}, "answeredAt" = ${now}
     WHERE "k1" = ${k1} AND "answeredAt" IS NULL AND "consumedAt" IS NULL AND "expiresAt" > ${now}`;
  if (changed !== 1) throw unusable(await findChallenge(k1), now);
  publishChallengeAnswered(k1);
}

/**
 * A challenge that can still be answered (known, unanswered, unused, unexpired), checked before
 * any signature work; otherwise throws the reason. With browserId, it must also be that browser's.
 */
export async function findOpenChallenge(k1: string, browserId?: string | null): Promise<ChallengeRow> {
  const found = await findChallenge(k1);
  const row = browserId === undefined || found?.browserId === browserId ? found : null;
  if (!row || row.answeredAt || row.consumedAt || row.expiresAt.getTime() <= Date.now()) throw unusable(row);
  return row;
}

/** The reason a challenge cannot be answered or redeemed (unknown, expired, used). */
export function unusable(row: ChallengeRow | null, now = new Date()): AppError {
  if (!row) return new AppError(404, "Unknown login challenge: reload the sign-in page for a new one", "unknown_challenge");
  if (row.expiresAt.getTime() <= now.getTime()) return new AppError(410, "This login challenge has expired: reload the sign-in page for a new one", "expired_challenge");
  return new AppError(409, "This login challenge was already used", "used_challenge");
}

/**
 * Marks an answered challenge used, by the browser it belongs to, for what it was made for
 * (signing in, or adding a key to that user's account); returns the key, or null.
 */
export async function redeemChallenge(k1: string, browserId: string, purpose: { action: "login" } | { action: "link"; userId: string }) {
  const now = new Date();
  const userId = purpose.action === "link" ? purpose.userId : null;
  const [row] = await db().$queryRaw<Array<{ pubkey: string; answeredBy: AnsweredBy }>>`
    UPDATE "LoginChallenge" SET "consumedAt" = ${now}
     WHERE "k1" = ${k1} AND "browserId" = ${browserId} AND "action" = ${purpose.action} AND "userId" IS ${userId}
       AND "answeredAt" IS NOT NULL AND "consumedAt" IS NULL AND "expiresAt" > ${now}
    RETURNING "pubkey", "answeredBy"`;
  return row ?? null;
}

export type ChallengeState = "waiting" | "answered" | "used" | "expired";

/** What the waiting page shows; only the browser the challenge belongs to may ask. */
export async function challengeState(k1: string, browserId: string): Promise<{ state: ChallengeState; pubkey?: string } | null> {
  const row = await findChallenge(k1);
  if (!row || row.browserId !== browserId) return null;
  if (row.consumedAt) return { state: "used" };
  if (row.expiresAt.getTime() <= Date.now()) return { state: "expired" };
  return row.answeredAt ? { state: "answered", pubkey: row.pubkey ?? undefined } : { state: "waiting" };
}
