import "server-only";
import { promoteToAuthor } from "@/lib/auth/account-queries";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";

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

/** A reader starts writing (OPEN_AUTHOR_SIGNUP=1, the default); admins already may. */
export async function becomeAuthor(userId: string) {
  if (getEnv().OPEN_AUTHOR_SIGNUP !== "1") {
    throw new AppError(403, "This site does not take new authors; ask an admin", "author_signup_closed");
  }
  await promoteToAuthor(userId);
}
