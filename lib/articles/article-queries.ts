import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { bylineOf, coAuthorBylines } from "@/lib/articles/article-bylines";
import { isValidSlug } from "@/lib/articles/article-status";
import { type Cursor, olderThan, PAGE_QUERY_LIMIT, toPage } from "@/lib/pagination/keyset-cursor";

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
  authorId: string;
  displayName: string | null;
  upvoteCount: bigint;
  upvoteSats: bigint;
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
    authorId: row.authorId,
    authorName: row.displayName ?? "Anonymous",
    upvotes: sqlInt(row.upvoteCount),
    upvoteSats: sqlInt(row.upvoteSats),
  };
}

type ListedRow = ArticleRow & { viewCount: bigint };

async function toListed(rows: ListedRow[]) {
  const page = toPage(rows, (row) => ({ at: row.publishedAt, id: row.id }));
  const bylines = await coAuthorBylines(page.items.map((row) => row.id));
  return {
    ...page,
    items: page.items.map((row) => {
      const article = toPublic(row);
      return { ...article, views: sqlInt(row.viewCount), authors: bylineOf(bylines, article) };
    }),
  };
}

/**
 * One page of the published articles, newest first (home page). `views` is the article's counter
 * of completed view payments (kept by markSettled), not a count over Payment.
 */
export async function listVisibleArticles(before: Cursor | null = null) {
  const rows = await db().$queryRaw<ListedRow[]>`
    SELECT a."id", a."slug", a."title", a."teaser", a."priceSats", a."status", a."publishedAt", a."updatedAt", a."authorId", a."viewCount", a."upvoteCount", a."upvoteSats", p."displayName"
      FROM "Article" a LEFT JOIN "Profile" p ON p."userId" = a."authorId"
     WHERE a."status" = 'visible' ${olderThan(before, `a."publishedAt"`, `a."id"`)}
     ORDER BY a."publishedAt" DESC, a."id" DESC
     LIMIT ${PAGE_QUERY_LIMIT}`;
  return toListed(rows);
}

/** One page of an author's published articles, newest first (the author page). */
export async function listAuthorArticles(authorId: string, before: Cursor | null = null) {
  const rows = await db().$queryRaw<ListedRow[]>`
    SELECT a."id", a."slug", a."title", a."teaser", a."priceSats", a."status", a."publishedAt", a."updatedAt", a."authorId", a."viewCount", a."upvoteCount", a."upvoteSats", p."displayName"
      FROM "Article" a LEFT JOIN "Profile" p ON p."userId" = a."authorId"
     WHERE a."authorId" = ${authorId} AND a."status" = 'visible' ${olderThan(before, `a."publishedAt"`, `a."id"`)}
     ORDER BY a."publishedAt" DESC, a."id" DESC
     LIMIT ${PAGE_QUERY_LIMIT}`;
  return toListed(rows);
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
    SELECT a."id", a."slug", a."title", a."teaser", a."priceSats", a."status", a."publishedAt", a."updatedAt", a."authorId", a."upvoteCount", a."upvoteSats", p."displayName"
      FROM "Article" a LEFT JOIN "Profile" p ON p."userId" = a."authorId"
     WHERE a."slug" = ${slug}`;
  if (!row || (row.status === "draft" && row.publishedAt === null)) return null;
  return toPublic(row);
});

export type PublicArticle = NonNullable<Awaited<ReturnType<typeof findPublicArticle>>>;

/** Slugs taken by `base` itself or `base-<anything>` (finding a free one for a new article). */
export async function slugsLike(base: string): Promise<string[]> {
  const rows = await db().$queryRaw<Array<{ slug: string }>>`
    SELECT "slug" FROM "Article" WHERE "slug" = ${base} OR "slug" LIKE ${`${base}-%`}`;
  return rows.map((row) => row.slug);
}
