import "server-only";
import { db } from "@/lib/db/client";
import { sqlInt } from "@/lib/db/sql-values";
import type { ArticleStatus } from "@/lib/articles/article-status";
import { type Cursor, olderThan, PAGE_QUERY_LIMIT, toPage } from "@/lib/pagination/keyset-cursor";

// The author's dashboard figures, read from counters kept by markSettled in the transaction that
// completes each payment (Article.viewCount/salesCount/earnedSats and AuthorDailyStats; see
// lib/articles/article-counter-queries.ts), so an author with 10,000 articles and a million sales costs
// a page of rows and at most a few hundred day rows. No query here selects the article body.

export const CHART_DAYS = 30;

export type AuthorArticleStats = {
  id: string;
  slug: string;
  title: string;
  status: ArticleStatus;
  priceSats: number;
  views: number;
  sales: number;
  satsEarned: number;
};

type StatsRow = { id: string; slug: string; title: string; status: ArticleStatus; priceSats: bigint; updatedAt: string; viewCount: bigint; salesCount: bigint; earnedSats: bigint };

/** One page of the author's articles, most recently edited first. */
export async function authorArticleStats(authorId: string, before: Cursor | null = null) {
  const rows = await db().$queryRaw<StatsRow[]>`
    SELECT a."id", a."slug", a."title", a."status", a."priceSats", a."updatedAt", a."viewCount", a."salesCount", a."earnedSats"
      FROM "Article" a
     WHERE a."authorId" = ${authorId} ${olderThan(before, `a."updatedAt"`, `a."id"`)}
     ORDER BY a."updatedAt" DESC, a."id" DESC
     LIMIT ${PAGE_QUERY_LIMIT}`;
  const page = toPage(rows, (row) => ({ at: row.updatedAt, id: row.id }));
  const items: AuthorArticleStats[] = page.items.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: row.status,
    priceSats: sqlInt(row.priceSats),
    views: sqlInt(row.viewCount),
    sales: sqlInt(row.salesCount),
    satsEarned: sqlInt(row.earnedSats),
  }));
  return { items, older: page.older };
}

export type AuthorTotals = { articles: number; views: number; sales: number; satsEarned: number };

/** Everything the author has written and sold, all pages together. */
export async function authorTotals(authorId: string): Promise<AuthorTotals> {
  const [[articles], [sold]] = await Promise.all([
    db().$queryRaw<Array<{ count: bigint }>>`SELECT COUNT(*) AS "count" FROM "Article" WHERE "authorId" = ${authorId}`,
    db().$queryRaw<Array<{ views: bigint | null; sales: bigint | null; earned: bigint | null }>>`
      SELECT SUM("views") AS "views", SUM("sales") AS "sales", SUM("earnedSats") AS "earned" FROM "AuthorDailyStats" WHERE "authorId" = ${authorId}`,
  ]);
  return {
    articles: sqlInt(articles?.count ?? 0n),
    views: sqlInt(sold?.views ?? 0n),
    sales: sqlInt(sold?.sales ?? 0n),
    satsEarned: sqlInt(sold?.earned ?? 0n),
  };
}

export type DailyEarnings = { day: string; sats: number };

/** Sats earned per UTC day over the last CHART_DAYS days, oldest first, days without sales as 0. */
export async function dailyEarnings(authorId: string, now = new Date()): Promise<DailyEarnings[]> {
  const days = Array.from({ length: CHART_DAYS }, (_, index) => new Date(now.getTime() - (CHART_DAYS - 1 - index) * 86_400_000).toISOString().slice(0, 10));
  const rows = await db().$queryRaw<Array<{ day: string; earnedSats: bigint }>>`
    SELECT "day", "earnedSats" FROM "AuthorDailyStats" WHERE "authorId" = ${authorId} AND "day" >= ${days[0]} AND "day" <= ${days.at(-1)}`;
  const byDay = new Map(rows.map((row) => [row.day, sqlInt(row.earnedSats)]));
  return days.map((day) => ({ day, sats: byDay.get(day) ?? 0 }));
}
