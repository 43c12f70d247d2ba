import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Roles: everyone reads; authors publish; admins moderate (and may publish). Admins are the
// keys listed in ADMIN_PUBKEYS or, when that list is empty, the first account made on the site.
export const ROLES = ["reader", "author", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function effectiveRole(stored: string, pubkeys: string[]): Role {
  const admins = getEnv().ADMIN_PUBKEYS;
  if (stored === "admin" || pubkeys.some((key) => admins.includes(key))) return "admin";
  return stored === "author" ? "author" : "reader";
}

export const canWrite = (role: Role) => role === "author" || role === "admin";

/** On a site without ADMIN_PUBKEYS, the first account becomes admin (one statement: no race). */
export async function promoteIfFirstAccount(userId: string) {
  if (getEnv().ADMIN_PUBKEYS.length > 0) return;
  await db().$executeRaw`
    UPDATE "User" SET "role" = 'admin'
     WHERE "id" = ${userId} AND NOT EXISTS (SELECT 1 FROM "User" WHERE "role" = 'admin')`;
}

/** A reader starts writing (OPEN_AUTHOR_SIGNUP=1, the default); admins already may. */
export async function becomeAuthor(userId: string) {
  if (getEnv().OPEN_AUTHOR_SIGNUP !== "1") {
    throw new AppError(403, "This site does not take new authors; ask an admin", "author_signup_closed");
  }
  await db().$executeRaw`UPDATE "User" SET "role" = 'author' WHERE "id" = ${userId} AND "role" = 'reader'`;
}
