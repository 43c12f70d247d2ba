import "server-only";
import { db } from "@/lib/db/client";
import { sqlDate } from "@/lib/db/sql-values";
import { AppError } from "@/lib/errors";
import type { AnsweredBy } from "@/lib/auth/login-challenge-queries";
import { claimFirstAccount } from "@/lib/auth/account-queries";
import { Prisma } from "@/lib/generated/prisma/client";

// Keys that sign in to an account. The profile's identity pubkey is always one of them: the
// first key, or another of the account's keys once that one is removed.

type SignedInKey = { userId: string; keyId: string };

/** The account this key signs in to, made on first sign-in (reader, display name from the key). */
export async function userForKey(pubkey: string, kind: AnsweredBy): Promise<SignedInKey> {
  const existing = await touchKey(pubkey);
  if (existing) return existing;
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          profile: { create: { identityPubkey: pubkey, displayName: defaultName(pubkey) } },
          loginKeys: { create: { pubkey, kind, lastUsedAt: new Date() } },
        },
        select: { id: true, loginKeys: { select: { id: true } } },
      });
      await claimFirstAccount(tx, user.id);
      return { userId: user.id, keyId: user.loginKeys[0]!.id };
    });
  } catch (error) {
    // The same key signing in twice at once: the other request made the account.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const raced = await touchKey(pubkey);
      if (raced) return raced;
    }
    throw error;
  }
}

async function touchKey(pubkey: string): Promise<SignedInKey | null> {
  const [row] = await db().$queryRaw<Array<{ userId: string; id: string }>>`
    UPDATE "LoginKey" SET "lastUsedAt" = ${new Date()} WHERE "pubkey" = ${pubkey} RETURNING "userId", "id"`;
  return row ? { userId: row.userId, keyId: row.id } : null;
}

/** A session stays valid only while the key that opened it is still on the account. */
export async function keyStillSignsIn(userId: string, keyId: string): Promise<boolean> {
  const [row] = await db().$queryRaw<Array<{ one: bigint }>>`SELECT 1 AS "one" FROM "LoginKey" WHERE "id" = ${keyId} AND "userId" = ${userId}`;
  return row !== undefined;
}

function defaultName(pubkey: string): string {
  return `Lightning user ${pubkey.slice(2, 8)}`;
}

/** Adds a key to an account; a key that already signs in to another account is refused. */
export async function linkKey(userId: string, pubkey: string, kind: AnsweredBy): Promise<void> {
  const owner = await db().loginKey.findUnique({ where: { pubkey }, select: { userId: true } });
  if (owner?.userId === userId) return;
  if (owner) throw new AppError(409, "This key already signs in to another account", "key_taken");
  try {
    await db().loginKey.create({ data: { userId, pubkey, kind } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError(409, "This key already signs in to another account", "key_taken");
    }
    throw error;
  }
}

/**
 * Removes one of the account's keys, never its last (checked in the same statement). Every
 * session that key opened ends with it (a lost phone's wallet stops signing anyone in).
 */
export async function removeKey(userId: string, keyId: string): Promise<void> {
  const removed = await db().$executeRaw`
    DELETE FROM "LoginKey"
     WHERE "id" = ${keyId} AND "userId" = ${userId}
       AND (SELECT COUNT(*) FROM "LoginKey" WHERE "userId" = ${userId}) > 1`;
  if (removed === 0) {
    const key = await db().loginKey.findFirst({ where: { id: keyId, userId }, select: { id: true } });
    if (!key) throw new AppError(404, "No such key on your account", "not_found");
    throw new AppError(409, "You cannot remove your only key: add another wallet first", "last_key");
  }
  // Keep the profile's identity on a key the account still holds.
  await db().$executeRaw`
    UPDATE "Profile" SET "identityPubkey" = (SELECT "pubkey" FROM "LoginKey" WHERE "userId" = ${userId} ORDER BY "createdAt" LIMIT 1), "updatedAt" = ${new Date()}
     WHERE "userId" = ${userId} AND "identityPubkey" NOT IN (SELECT "pubkey" FROM "LoginKey" WHERE "userId" = ${userId})`;
}

export async function listKeys(userId: string) {
  const rows = await db().$queryRaw<Array<{ id: string; pubkey: string; kind: string; createdAt: string; lastUsedAt: string | null }>>`
    SELECT "id", "pubkey", "kind", "createdAt", "lastUsedAt" FROM "LoginKey" WHERE "userId" = ${userId} ORDER BY "createdAt"`;
  return rows.map((row) => ({ ...row, createdAt: sqlDate(row.createdAt)!, lastUsedAt: sqlDate(row.lastUsedAt) }));
}
