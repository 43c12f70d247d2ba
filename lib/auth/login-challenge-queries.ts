import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { sqlDate } from "@/lib/db/sql-values";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { publishChallengeAnswered } from "@/lib/auth/challenge-events";
import type { ChallengeAction } from "@/lib/auth/lnurl-auth";

// Sign-in challenges. Each is bound to the browser that asked for it (its signed buyer id) and
// records the first key that answers it (a wallet's LNURL-auth callback or an LND node
// signature). The same key answering again changes nothing; a different key answering before
// the browser confirms voids the challenge: two wallets answering means someone else saw the
// code (a shared screen, a photo of the QR), and a void challenge is never redeemed. The browser
// redeems only after the person confirms the key shown to them. Every step is one conditional
// UPDATE, so replayed or concurrent answers cannot change the outcome.
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
  voidedAt: Date | null;
  expiresAt: Date;
};

export const CONTESTED_MESSAGE = "This code was answered by another wallet; someone else may be able to see your screen. Ask for a new code.";

export async function findChallenge(k1: string): Promise<ChallengeRow | null> {
  const [row] = await db().$queryRaw<ChallengeRow[]>`
    SELECT "k1", "action", "browserId", "userId", "pubkey", "answeredBy", "answeredAt", "consumedAt", "voidedAt", "expiresAt"
      FROM "LoginChallenge" WHERE "k1" = ${k1}`;
  if (!row) return null;
  return { ...row, answeredAt: sqlDate(row.answeredAt), consumedAt: sqlDate(row.consumedAt), voidedAt: sqlDate(row.voidedAt), expiresAt: sqlDate(row.expiresAt)! };
}

/**
 * Records the key that answered. The same key again is an idempotent OK; a different key on an
 * answered, unredeemed challenge voids it and is told so. Throws the reason otherwise.
 */
export async function answerChallenge(k1: string, pubkey: string, by: AnsweredBy): Promise<void> {
  const now = new Date();
  const changed = await db().$executeRaw`
    UPDATE "LoginChallenge" SET "pubkey" = ${pubkey}, "answeredBy" = ${by}, "answeredAt" = ${now}
     WHERE "k1" = ${k1} AND "answeredAt" IS NULL AND "consumedAt" IS NULL AND "voidedAt" IS NULL AND "expiresAt" > ${now}`;
  if (changed === 1) return publishChallengeAnswered(k1);
  const row = await findChallenge(k1);
  if (row && isOpen(row, now) && row.answeredAt) {
    if (row.pubkey === pubkey) return;
    const voided = await db().$executeRaw`
      UPDATE "LoginChallenge" SET "voidedAt" = ${now}
       WHERE "k1" = ${k1} AND "answeredAt" IS NOT NULL AND "pubkey" <> ${pubkey} AND "consumedAt" IS NULL AND "voidedAt" IS NULL`;
    if (voided === 1) {
      publishChallengeAnswered(k1);
      throw new AppError(409, CONTESTED_MESSAGE, "contested_challenge");
    }
    return answerChallenge(k1, pubkey, by);
  }
  throw unusable(row, now);
}

const isOpen = (row: ChallengeRow, now = new Date()) => !row.consumedAt && !row.voidedAt && row.expiresAt.getTime() > now.getTime();

/**
 * A challenge that can still take an answer (known, unused, not void, unexpired), checked
 * before any signature work; otherwise throws the reason. With browserId, it must be that browser's.
 */
export async function findOpenChallenge(k1: string, browserId?: string | null): Promise<ChallengeRow> {
  const found = await findChallenge(k1);
  const row = browserId === undefined || found?.browserId === browserId ? found : null;
  if (!row || !isOpen(row)) throw unusable(row);
  return row;
}

/** The reason a challenge cannot be answered or redeemed (unknown, expired, void, used). */
export function unusable(row: ChallengeRow | null, now = new Date()): AppError {
  if (!row) return new AppError(404, "Unknown login challenge: reload the sign-in page for a new one", "unknown_challenge");
  if (row.voidedAt) return new AppError(409, CONTESTED_MESSAGE, "contested_challenge");
  if (row.consumedAt) return new AppError(409, "This login challenge was already used", "used_challenge");
  if (row.expiresAt.getTime() <= now.getTime()) return new AppError(410, "This login challenge has expired: reload the sign-in page for a new one", "expired_challenge");
  return new AppError(409, "This login challenge was already used", "used_challenge");
}

/**
 * The person confirmed the key shown to them: marks the answered challenge used, by the browser
 * it belongs to, for what it was made for (signing in, or adding a key to that user's account),
 * never when void; with `pubkey`, only if that is still the key that answered. Returns the key, or null.
 */
export async function redeemChallenge(k1: string, browserId: string, purpose: { action: "login" } | { action: "link"; userId: string }, pubkey?: string) {
  const now = new Date();
  const userId = purpose.action === "link" ? purpose.userId : "";
  const [row] = await db().$queryRaw<Array<{ pubkey: string; answeredBy: AnsweredBy }>>`
    UPDATE "LoginChallenge" SET "consumedAt" = ${now}
     WHERE "k1" = ${k1} AND "browserId" = ${browserId} AND "action" = ${purpose.action} AND COALESCE("userId", '') = ${userId}
       AND "answeredAt" IS NOT NULL AND "consumedAt" IS NULL AND "voidedAt" IS NULL AND "expiresAt" > ${now}
       AND "pubkey" = COALESCE(${pubkey ?? null}, "pubkey")
    RETURNING "pubkey", "answeredBy"`;
  return row ?? null;
}

/** "Not me": the person refuses the key shown (or gives up on the code); it can never be redeemed. */
export async function voidChallenge(k1: string, browserId: string): Promise<boolean> {
  const changed = await db().$executeRaw`
    UPDATE "LoginChallenge" SET "voidedAt" = ${new Date()}
     WHERE "k1" = ${k1} AND "browserId" = ${browserId} AND "consumedAt" IS NULL AND "voidedAt" IS NULL`;
  if (changed === 1) publishChallengeAnswered(k1);
  return changed === 1;
}

export type ChallengeState = "waiting" | "answered" | "void" | "used" | "expired";

/** Where this browser's challenge stands (null when it is not this browser's). */
export async function challengeStatus(k1: string, browserId: string): Promise<{ row: ChallengeRow; state: ChallengeState } | null> {
  const row = await findChallenge(k1);
  if (!row || row.browserId !== browserId) return null;
  const state: ChallengeState = row.consumedAt ? "used" : row.voidedAt ? "void" : row.expiresAt.getTime() <= Date.now() ? "expired" : row.answeredAt ? "answered" : "waiting";
  return { row, state };
}

// Making a sign-in challenge. Limits: LOGIN_CHALLENGES_PER_WINDOW per client address (the real
// one: lib/security/client-address.ts) and per browser cookie, and LOGIN_CHALLENGES_MAX_LIVE
// live codes in all. At that cap nobody is refused: the client holding the most live codes
// loses its oldest one (done ones first, then unanswered), so a flood only ever evicts the
// flooder's own codes while everyone else within their own limit still gets one.
const RATE_WINDOW_MS = 10 * 60_000;

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
  if (counts!.live >= BigInt(env.LOGIN_CHALLENGES_MAX_LIVE)) await evictFromBiggestHolder(now, Number(counts!.live) - env.LOGIN_CHALLENGES_MAX_LIVE + 1);
  // Expired challenges are worthless after a grace period; clearing them here keeps the table small.
  await db().$executeRaw`DELETE FROM "LoginChallenge" WHERE "expiresAt" < ${since}`;
  const k1 = randomBytes(32).toString("hex");
  const expiresAt = new Date(now.getTime() + env.LOGIN_CHALLENGE_SECONDS * 1000);
  await db().$executeRaw`
    INSERT INTO "LoginChallenge" ("k1", "action", "browserId", "userId", "clientKey", "createdAt", "expiresAt")
    VALUES (${k1}, ${input.action}, ${input.browserId}, ${input.userId ?? null}, ${input.clientKey}, ${now}, ${expiresAt})`;
  return { k1, expiresAt };
}

/** Deletes `count` (usually 1) of the oldest live codes of the client that holds the most. */
async function evictFromBiggestHolder(now: Date, count: number) {
  for (let i = 0; i < Math.min(count, 10); i++) {
    const deleted = await db().$executeRaw`
      DELETE FROM "LoginChallenge" WHERE "k1" = (
        SELECT "k1" FROM "LoginChallenge"
         WHERE "expiresAt" > ${now} AND "clientKey" = (
           SELECT "clientKey" FROM "LoginChallenge" WHERE "expiresAt" > ${now}
            GROUP BY "clientKey" ORDER BY COUNT(*) DESC, MIN("createdAt") LIMIT 1)
         ORDER BY CASE WHEN "consumedAt" IS NOT NULL OR "voidedAt" IS NOT NULL THEN 0 WHEN "answeredAt" IS NULL THEN 1 ELSE 2 END, "createdAt"
         LIMIT 1)`;
    if (deleted === 0) return;
  }
}
