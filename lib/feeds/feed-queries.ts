import "server-only";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { bylineOf, coAuthorBylines, type BylineAuthor } from "@/lib/articles/article-bylines";

// The rows a feed lists: published articles only, and only their public columns. The paid body
// is never selected here (the conventions test checks this file), so no feed can carry it.

/** Items per feed: the newest published articles. */
export const FEED_SIZE = 50;

type FeedRow = {
  id: string;
  slug: string;
  title: string;
  teaser: string;
  priceSats: bigint;
  publishedAt: string;
  updatedAt: string;
  authorId: string;
  displayName: string | null;
};

export type FeedArticle = {
  id: string;
  slug: string;
  title: string;
  teaser: string;
  priceSats: number;
  publishedAt: Date;
  updatedAt: Date;
  authors: BylineAuthor[];
};

/** The newest FEED_SIZE visible articles, of the whole site or of one (lead) author, newest first. */
export async function listFeedArticles(authorId: string | null): Promise<FeedArticle[]> {
  // Two statements rather than an optional filter, so each uses its keyset index as the lists do.
  const rows = authorId
    ? await db().$queryRaw<FeedRow[]>`
        SELECT a."id", a."slug", a."title", a."teaser", a."priceSats", a."publishedAt", a."updatedAt", a."authorId", p."displayName"
          FROM "Article" a LEFT JOIN "Profile" p ON p."userId" = a."authorId"
         WHERE a."authorId" = ${authorId} AND a."status" = 'visible'
         ORDER BY a."publishedAt" DESC, a."id" DESC
         LIMIT ${FEED_SIZE}`
    : await db().$queryRaw<FeedRow[]>`
        SELECT a."id", a."slug", a."title", a."teaser", a."priceSats", a."publishedAt", a."updatedAt", a."authorId", p."displayName"
          FROM "Article" a LEFT JOIN "Profile" p ON p."userId" = a."authorId"
         WHERE a."status" = 'visible'
         ORDER BY a."publishedAt" DESC, a."id" DESC
         LIMIT ${FEED_SIZE}`;
  const bylines = await coAuthorBylines(rows.map((row) => row.id));
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    teaser: row.teaser,
    priceSats: sqlInt(row.priceSats),
    publishedAt: sqlDate(row.publishedAt)!,
    updatedAt: sqlDate(row.updatedAt)!,
    authors: bylineOf(bylines, { id: row.id, authorId: row.authorId, authorName: row.displayName ?? "Anonymous" }),
  }));
}
