import "server-only";
import { db } from "@/lib/db/client";
import { sqlDate } from "@/lib/db/sql-values";

// What sitemap.xml lists: public pages only, and only their addresses and change times (no
// article body, nothing per reader).

/** A sitemap file holds at most 50,000 URLs (sitemaps.org); the site's is capped there. */
export const SITEMAP_MAX_URLS = 50_000;

export type SitemapPage = { path: string; lastModified: Date | null };

/**
 * The home page, the visible articles, the authors with a visible article and the visible files
 * sold alone, newest first within each kind, up to SITEMAP_MAX_URLS in all: a site past the cap
 * leaves out its files first, then its least recently active authors, then its oldest articles.
 */
export async function listSitemapPages(): Promise<SitemapPage[]> {
  let room = SITEMAP_MAX_URLS - 1;
  const articles = await db().$queryRaw<Array<{ slug: string; updatedAt: string }>>`
    SELECT a."slug", a."updatedAt" FROM "Article" a
     WHERE a."status" = 'visible'
     ORDER BY a."publishedAt" DESC, a."id" DESC
     LIMIT ${room}`;
  room -= articles.length;
  const authors = room <= 0 ? [] : await db().$queryRaw<Array<{ authorId: string; updatedAt: string }>>`
    SELECT a."authorId", MAX(a."updatedAt") AS "updatedAt" FROM "Article" a
     WHERE a."status" = 'visible'
     GROUP BY a."authorId"
     ORDER BY MAX(a."updatedAt") DESC
     LIMIT ${room}`;
  room -= authors.length;
  const files = room <= 0 ? [] : await db().$queryRaw<Array<{ id: string; updatedAt: string }>>`
    SELECT f."id", f."updatedAt" FROM "StoredFile" f
     WHERE f."status" = 'visible' AND f."articleId" IS NULL
     ORDER BY f."createdAt" DESC, f."id" DESC
     LIMIT ${room}`;
  const newest = articles[0] ? sqlDate(articles[0].updatedAt) : null;
  return [
    { path: "/", lastModified: newest },
    ...articles.map((row) => ({ path: `/articles/${row.slug}`, lastModified: sqlDate(row.updatedAt) })),
    ...authors.map((row) => ({ path: `/authors/${row.authorId}`, lastModified: sqlDate(row.updatedAt) })),
    ...files.map((row) => ({ path: `/files/${row.id}`, lastModified: sqlDate(row.updatedAt) })),
  ];
}
