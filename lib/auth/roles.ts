import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

// Roles: everyone reads; authors publish; admins moderate (and may publish). Admins are the
// keys listed in ADMIN_PUBKEYS and, if that list was empty when it was made, the site's first account.
export const ROLES = ["reader", "author", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function effectiveRole(stored: string, pubkeys: string[]): Role {
  const admins = getEnv().ADMIN_PUBKEYS;
  if (stored === "admin" || pubkeys.some((key) => admins.includes(key))) return "admin";
  return stored === "author" ? "author" : "reader";
}

export const canWrite = (role: Role) => role === "author" || role === "admin";

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

/** A reader starts writing (OPEN_AUTHOR_SIGNUP=1, the default); admins already may. */
export async function becomeAuthor(userId: string) {
  if (getEnv().OPEN_AUTHOR_SIGNUP !== "1") {
    throw new AppError(403, "This site does not take new authors; ask an admin", "author_signup_closed");
  }
  await db().$executeRaw`UPDATE "User" SET "role" = 'author' WHERE "id" = ${userId} AND "role" = 'reader'`;
}
