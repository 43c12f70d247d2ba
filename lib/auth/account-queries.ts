import "server-only";
import { groupConcat } from "@/lib/db/dialect";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

// Accounts' SQL: the signed-in user's row, the account a key opens, roles.

export type SignedInUserRow = { id: string; role: string; displayName: string | null; identityPubkey: string | null; keys: string | null };

/** The user with profile and login keys (comma-joined), read once per request. */
export async function signedInUserRow(userId: string): Promise<SignedInUserRow | null> {
  const [row] = await db().$queryRaw<SignedInUserRow[]>`
    SELECT u."id", u."role", p."displayName", p."identityPubkey",
           (SELECT ${groupConcat(Prisma.sql`k."pubkey"`, ",")} FROM "LoginKey" k WHERE k."userId" = u."id") AS "keys"
      FROM "User" u LEFT JOIN "Profile" p ON p."userId" = u."id"
     WHERE u."id" = ${userId}`;
  return row ?? null;
}

/** The account a login key opens, with its display name; null when the key is new. */
export async function accountOfKey(pubkey: string): Promise<{ userId: string; displayName: string | null } | null> {
  const [account] = await db().$queryRaw<Array<{ userId: string; displayName: string | null }>>`
    SELECT k."userId", p."displayName" FROM "LoginKey" k LEFT JOIN "Profile" p ON p."userId" = k."userId" WHERE k."pubkey" = ${pubkey}`;
  return account ?? null;
}

export async function promoteToAuthor(userId: string) {
  await db().$executeRaw`UPDATE "User" SET "role" = 'author' WHERE "id" = ${userId} AND "role" = 'reader'`;
}

/**
 * The first account ever made on the site claims "first-account" (recorded, so it happens once
 * per site, ever) and becomes admin if ADMIN_PUBKEYS is empty at that moment. Later accounts
 * never do, even if ADMIN_PUBKEYS is emptied. Runs in the transaction that makes the account.
 */
export async function claimFirstAccount(tx: Prisma.TransactionClient, userId: string) {
  const claimed = await tx.$executeRaw`
    INSERT INTO "SiteClaim" ("name", "userId", "claimedAt") VALUES ('first-account', ${userId}, ${new Date()})
    ON CONFLICT ("name") DO NOTHING`;
  if (claimed === 1 && getEnv().ADMIN_PUBKEYS.length === 0) {
    await tx.$executeRaw`UPDATE "User" SET "role" = 'admin' WHERE "id" = ${userId}`;
  }
}
