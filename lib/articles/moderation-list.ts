import "server-only";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import type { ArticleStatus } from "@/lib/articles/article-status";
import { type Cursor, olderThan, PAGE_QUERY_LIMIT, toPage } from "@/lib/pagination/keyset-cursor";

// What the admin page lists: every published or removed article, of every author, newest
// publication first (one order for both, so it pages through the (publishedAt, id) index).
// Drafts are the authors' private work and are not shown. No body.

export type ModeratedArticle = { id: string; slug: string; title: string; status: ArticleStatus; priceSats: number; authorName: string; publishedAt: Date | null };

type Row = { id: string; slug: string; title: string; status: ArticleStatus; priceSats: bigint; displayName: string | null; publishedAt: string | null };

export async function listModeratedArticles(before: Cursor | null = null) {
  const rows = await db().$queryRaw<Row[]>`
    SELECT a."id", a."slug", a."title", a."status", a."priceSats", p."displayName", a."publishedAt"
      FROM "Article" a LEFT JOIN "Profile" p ON p."userId" = a."authorId"
     WHERE a."status" IN ('visible', 'deleted_by_admin') ${olderThan(before, `a."publishedAt"`, `a."id"`)}
     ORDER BY a."publishedAt" DESC, a."id" DESC
     LIMIT ${PAGE_QUERY_LIMIT}`;
  const page = toPage(rows, (row) => ({ at: row.publishedAt, id: row.id }));
  const items: ModeratedArticle[] = page.items.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: row.status,
    priceSats: sqlInt(row.priceSats),
    authorName: row.displayName ?? "Anonymous",
    publishedAt: sqlDate(row.publishedAt),
  }));
  return { items, older: page.older };
}
