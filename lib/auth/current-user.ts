import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { keyStillSignsIn } from "@/lib/auth/login-keys";
import { readSessionCookie, SESSION_COOKIES } from "@/lib/auth/next-auth";
import { canWrite, effectiveRole, type Role } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type SignedInUser = { id: string; role: Role; displayName: string; identityPubkey: string; canWrite: boolean; isAdmin: boolean };

/** The signed-in user's id: a session cookie whose signing-in key is still on the account. */
export const sessionUserId = cache(async (): Promise<string | null> => {
  // Most readers never sign in: without a session cookie there is nothing to decrypt.
  const jar = await cookies();
  const name = SESSION_COOKIES.find((cookie) => jar.has(cookie));
  const session = name ? await readSessionCookie(name, jar.get(name)!.value) : null;
  return session && (await keyStillSignsIn(session.sub, session.kid)) ? session.sub : null;
});

/** The signed-in user, read fresh from the database once per request; null when signed out. */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const id = await sessionUserId();
  if (!id) return null;
  const [row] = await db().$queryRaw<Array<{ id: string; role: string; displayName: string | null; identityPubkey: string | null; keys: string | null }>>`
    SELECT u."id", u."role", p."displayName", p."identityPubkey",
           (SELECT GROUP_CONCAT(k."pubkey") FROM "LoginKey" k WHERE k."userId" = u."id") AS "keys"
      FROM "User" u LEFT JOIN "Profile" p ON p."userId" = u."id"
     WHERE u."id" = ${id}`;
  if (!row) return null;
  const role = effectiveRole(row.role, row.keys?.split(",") ?? []);
  return {
    id: row.id,
    role,
    displayName: row.displayName ?? "Lightning user",
    identityPubkey: row.identityPubkey ?? "",
    canWrite: canWrite(role),
    isAdmin: role === "admin",
  };
});

export async function requireUser(): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) throw new AppError(401, "Sign in first", "unauthenticated");
  return user;
}

export async function requireAuthor(): Promise<SignedInUser> {
  const user = await requireUser();
  if (!user.canWrite) throw new AppError(403, "Only authors can do this: become an author from your account page", "forbidden");
  return user;
}

export async function requireAdmin(): Promise<SignedInUser> {
  const user = await requireUser();
  if (!user.isAdmin) throw new AppError(403, "Only admins can do this", "forbidden");
  return user;
}
