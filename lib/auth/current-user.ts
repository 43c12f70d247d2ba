import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { keyStillSignsIn } from "@/lib/auth/login-key-queries";
import { readSessionCookie, sessionCookieName } from "@/lib/auth/next-auth";
import { canWrite, effectiveRole, type Role } from "@/lib/auth/roles";
import { signedInUserRow } from "@/lib/auth/account-queries";
import { AppError } from "@/lib/errors";
import { secureSite } from "@/lib/site-origin";

export type SignedInUser = { id: string; role: Role; displayName: string; identityPubkey: string; canWrite: boolean; isAdmin: boolean };

/** The signed-in user's id: a session cookie whose signing-in key is still on the account. */
export const sessionUserId = cache(async (): Promise<string | null> => {
  // Most readers never sign in: without a session cookie there is nothing to decrypt.
  const jar = await cookies();
  // Only the name that matches the scheme: a __Secure- cookie means nothing on http, and a plain
  // one (settable by any http page on the domain) means nothing on https.
  const name = sessionCookieName(secureSite(await headers()));
  const value = jar.get(name)?.value;
  const session = value ? await readSessionCookie(name, value) : null;
  return session && (await keyStillSignsIn(session.sub, session.kid)) ? session.sub : null;
});

/** The signed-in user, read fresh from the database once per request; null when signed out. */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const id = await sessionUserId();
  if (!id) return null;
  const row = await signedInUserRow(id);
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
