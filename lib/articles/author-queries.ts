import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";

// Who an author page (/authors/<id>) is about. Only people who write have one: an author or
// admin account, or anyone with a published article (an ADMIN_PUBKEYS admin's stored role may
// still say reader). Everyone else, and malformed ids, get null (the 404 page).

const USER_ID = /^[a-z0-9]{1,40}$/;

export type AuthorProfile = { id: string; displayName: string };

/** Memoised per request: the page and its metadata both ask. */
export const findAuthor = cache(async (id: string): Promise<AuthorProfile | null> => {
  if (!USER_ID.test(id)) return null;
  const [row] = await db().$queryRaw<Array<{ id: string; displayName: string | null }>>`
    SELECT u."id", p."displayName"
      FROM "User" u LEFT JOIN "Profile" p ON p."userId" = u."id"
     WHERE u."id" = ${id}
       AND (u."role" IN ('author', 'admin') OR EXISTS (SELECT 1 FROM "Article" a WHERE a."authorId" = u."id" AND a."status" = 'visible'))`;
  return row ? { id: row.id, displayName: row.displayName ?? "Anonymous" } : null;
});

export const authorPath = (authorId: string) => `/authors/${authorId}`;
