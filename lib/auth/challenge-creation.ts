import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ChallengeAction } from "@/lib/auth/lnurl-auth";

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
