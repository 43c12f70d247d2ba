import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { isValidSlug } from "@/lib/articles/article-status";

// Public reads, in raw SQL because they run on every page view (see lib/db/sql-values.ts).
// None of these select the paid body: it is read only by getPaidBody, and only after an access
// check (lib/articles/article-access.ts).

type ArticleRow = {
  id: string;
  slug: string;
  title: string;
  teaser: string;
  priceSats: bigint;
  status: string;
  publishedAt: string | null;
  updatedAt: string;
  displayName: string | null;
};

function toPublic(row: ArticleRow) {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    teaser: row.teaser,
    priceSats: sqlInt(row.priceSats),
    status: row.status,
    publishedAt: sqlDate(row.publishedAt),
    updatedAt: sqlDate(row.updatedAt)!,
    authorName: row.displayName ?? "Anonymous",
  };
}

export async function listVisibleArticles() {
  const rows = await db().$queryRaw<Array<ArticleRow & { views: bigint }>>`
    SELECT a."id", a."slug", a."title", a."teaser", a."priceSats", a."status", a."publishedAt", a."updatedAt", p."displayName",
           (SELECT COUNT(*) FROM "Payment" v WHERE v."articleId" = a."id" AND v."purpose" = 'view' AND v."status" = 'complete') AS "views"
      FROM "Article" a LEFT JOIN "Profile" p ON p."userId" = a."authorId"
     WHERE a."status" = 'visible'
     ORDER BY a."publishedAt" DESC, a."createdAt" DESC`;
  return rows.map((row) => ({ ...toPublic(row), views: sqlInt(row.views) }));
}

/**
 * The public part of a published article, or null (unknown, malformed or never published).
 * Articles the admins removed (status "deleted_by_admin") and articles their author unpublished
 * (a draft with a publishedAt) are returned too: earlier buyers keep reading them, and
 * lib/articles/reader-view.ts decides what everyone else sees.
 * Memoised per request: the page and its metadata both ask.
 */
export const findPublicArticle = cache(async (slug: string) => {
  if (!isValidSlug(slug)) return null;
  const [row] = await db().$queryRaw<ArticleRow[]>`
    SELECT a."id", a."slug", a."title", a."teaser", a."priceSats", a."status", a."publishedAt", a."updatedAt", p."displayName"
      FROM "Article" a LEFT JOIN "Profile" p ON p."userId" = a."authorId"
     WHERE a."slug" = ${slug}`;
  if (!row || (row.status === "draft" && row.publishedAt === null)) return null;
  return toPublic(row);
});

export type PublicArticle = NonNullable<Awaited<ReturnType<typeof findPublicArticle>>>;
