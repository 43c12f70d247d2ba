import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import type { ArticleStatus } from "@/lib/articles/article-status";
import { type Cursor, olderThan, PAGE_QUERY_LIMIT, toPage } from "@/lib/pagination/keyset-cursor";

// What the admin page lists: every published or removed article, of every author, newest
// publication first. Drafts are the authors' private work and are not shown. No body.
// One page per status through the (status, publishedAt, id) index, merged: `status IN (...)`
// with ORDER BY would sort every published article on each request (25 ms at 100,000).

export type ModeratedArticle = { id: string; slug: string; title: string; status: ArticleStatus; priceSats: number; authorName: string; publishedAt: Date | null };

type Row = { id: string; slug: string; title: string; status: ArticleStatus; priceSats: bigint; displayName: string | null; publishedAt: string | null };

export async function listModeratedArticles(before: Cursor | null = null) {
  const newest = (status: ArticleStatus) => Prisma.sql`
    SELECT * FROM (
      SELECT a."id", a."slug", a."title", a."status", a."priceSats", a."authorId", a."publishedAt"
        FROM "Article" a
       WHERE a."status" = ${status} ${olderThan(before, `a."publishedAt"`, `a."id"`)}
       ORDER BY a."publishedAt" DESC, a."id" DESC
       LIMIT ${PAGE_QUERY_LIMIT}) ${Prisma.raw(status === "visible" ? "v" : "r")}`;
  const rows = await db().$queryRaw<Row[]>`
    SELECT m."id", m."slug", m."title", m."status", m."priceSats", p."displayName", m."publishedAt"
      FROM (${newest("visible")} UNION ALL ${newest("deleted_by_admin")}) m
      LEFT JOIN "Profile" p ON p."userId" = m."authorId"
     ORDER BY m."publishedAt" DESC, m."id" DESC
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

/** One conditional UPDATE: the article moves only from `from`; returns how many rows changed. */
export async function moveArticleStatus(articleId: string, from: ArticleStatus, to: ArticleStatus): Promise<number> {
  return db().$executeRaw`UPDATE "Article" SET "status" = ${to}, "updatedAt" = ${new Date()} WHERE "id" = ${articleId} AND "status" = ${from}`;
}

export async function articleStatus(articleId: string): Promise<{ status: ArticleStatus } | null> {
  const [row] = await db().$queryRaw<Array<{ status: ArticleStatus }>>`SELECT "status" FROM "Article" WHERE "id" = ${articleId}`;
  return row ?? null;
}
