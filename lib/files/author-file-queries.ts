import "server-only";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { type Cursor, olderThan, type Page, PAGE_QUERY_LIMIT, toPage } from "@/lib/pagination/keyset-cursor";

export type AuthorFile = { id: string; title: string; fileName: string; version: number; articleTitle: string | null; createdAt: Date | null };

/** One page of the author's files on offer, newest first (keyset on the (ownerId, createdAt, id) index). */
export async function authorFiles(ownerId: string, before: Cursor | null = null): Promise<Page<AuthorFile>> {
  const rows = await db().$queryRaw<Array<{ id: string; title: string; fileName: string; version: number | bigint; articleTitle: string | null; createdAt: Date | string }>>`
    SELECT s."id", s."title", s."fileName", s."version", a."title" AS "articleTitle", s."createdAt"
      FROM "StoredFile" s LEFT JOIN "Article" a ON a."id" = s."articleId"
     WHERE s."ownerId" = ${ownerId} AND s."status" = 'visible'
       ${olderThan(before, `s."createdAt"`, `s."id"`)}
     ORDER BY s."createdAt" DESC, s."id" DESC
     LIMIT ${PAGE_QUERY_LIMIT}`;
  const page = toPage(rows, (row) => ({ at: row.createdAt, id: row.id }));
  return { items: page.items.map((row) => ({ ...row, version: sqlInt(row.version), createdAt: sqlDate(row.createdAt) })), older: page.older };
}
