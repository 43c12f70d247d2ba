import "server-only";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import type { ArticleStatus } from "@/lib/articles/article-status";

// What the admin page lists: every published or removed article, of every author. Drafts are
// the authors' private work and are not shown. No body.

export type ModeratedArticle = { id: string; slug: string; title: string; status: ArticleStatus; priceSats: number; authorName: string; publishedAt: Date | null };

export async function listModeratedArticles(): Promise<ModeratedArticle[]> {
  const rows = await db().$queryRaw<Array<{ id: string; slug: string; title: string; status: ArticleStatus; priceSats: bigint; displayName: string | null; publishedAt: string | null }>>`
    SELECT a."id", a."slug", a."title", a."status", a."priceSats", p."displayName", a."publishedAt"
      FROM "Article" a LEFT JOIN "Profile" p ON p."userId" = a."authorId"
     WHERE a."status" IN ('visible', 'deleted_by_admin')
     ORDER BY a."status" DESC, a."publishedAt" DESC`;
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: row.status,
    priceSats: sqlInt(row.priceSats),
    authorName: row.displayName ?? "Anonymous",
    publishedAt: sqlDate(row.publishedAt),
  }));
}
