import "server-only";
import type { ArticleStatus } from "@/lib/articles/article-status";
import { db } from "@/lib/db/client";

// The author's status changes: each one conditional UPDATE that also checks ownership, so a
// change by someone else, or from a state that does not allow it, changes nothing (count 0).

/** Visible; publishedAt set on the first publish and kept; never with an empty body. */
export async function markPublished(authorId: string, articleId: string, now: Date): Promise<number> {
  return db().$executeRaw`
    UPDATE "Article" SET "status" = 'visible', "publishedAt" = COALESCE("publishedAt", ${now}), "updatedAt" = ${now}
     WHERE "id" = ${articleId} AND "authorId" = ${authorId} AND "status" IN ('draft', 'visible') AND "body" <> ''`;
}

export async function markUnpublished(authorId: string, articleId: string): Promise<number> {
  return db().$executeRaw`
    UPDATE "Article" SET "status" = 'draft', "updatedAt" = ${new Date()}
     WHERE "id" = ${articleId} AND "authorId" = ${authorId} AND "status" IN ('draft', 'visible')`;
}

/** The author's own article (id, slug, status), or null when it is not theirs or does not exist. */
export async function ownArticleSummary(authorId: string, articleId: string): Promise<{ id: string; slug: string; status: ArticleStatus } | null> {
  const [row] = await db().$queryRaw<Array<{ id: string; slug: string; status: ArticleStatus }>>`
    SELECT "id", "slug", "status" FROM "Article" WHERE "id" = ${articleId} AND "authorId" = ${authorId}`;
  return row ?? null;
}
