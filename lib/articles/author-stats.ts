import "server-only";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import type { ArticleStatus } from "@/lib/articles/article-status";

// The author's dashboard figures, in raw SQL (aggregates over payments). Only completed payments
// count: an unpaid invoice earns nothing. No query here selects the article body.

export const CHART_DAYS = 30;

export type AuthorArticleStats = {
  id: string;
  slug: string;
  title: string;
  status: ArticleStatus;
  priceSats: number;
  updatedAt: Date;
  views: number;
  sales: number;
  satsEarned: number;
};

export async function authorArticleStats(authorId: string): Promise<AuthorArticleStats[]> {
  const rows = await db().$queryRaw<Array<{ id: string; slug: string; title: string; status: ArticleStatus; priceSats: bigint; updatedAt: string; views: bigint; sales: bigint; earned: bigint }>>`
    SELECT a."id", a."slug", a."title", a."status", a."priceSats", a."updatedAt",
           COALESCE(SUM(CASE WHEN p."purpose" = 'view' THEN 1 ELSE 0 END), 0) AS "views",
           COUNT(p."id") AS "sales",
           COALESCE(SUM(p."amountSats"), 0) AS "earned"
      FROM "Article" a LEFT JOIN "Payment" p ON p."articleId" = a."id" AND p."status" = 'complete'
     WHERE a."authorId" = ${authorId}
     GROUP BY a."id"
     ORDER BY a."updatedAt" DESC`;
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: row.status,
    priceSats: sqlInt(row.priceSats),
    updatedAt: sqlDate(row.updatedAt)!,
    views: sqlInt(row.views),
    sales: sqlInt(row.sales),
    satsEarned: sqlInt(row.earned),
  }));
}

export type DailyEarnings = { day: string; sats: number };

/** Sats earned per UTC day over the last CHART_DAYS days, oldest first, days without sales as 0. */
export async function dailyEarnings(authorId: string, now = new Date()): Promise<DailyEarnings[]> {
  const days = Array.from({ length: CHART_DAYS }, (_, index) => new Date(now.getTime() - (CHART_DAYS - 1 - index) * 86_400_000).toISOString().slice(0, 10));
  const since = new Date(`${days[0]}T00:00:00.000Z`);
  // Dates are stored as ISO text (UTC), so the first ten characters are the day and text order
  // is time order. settledAt is set on completion; updatedAt covers rows completed without it.
  const rows = await db().$queryRaw<Array<{ day: string; sats: bigint }>>`
    SELECT substr(COALESCE(p."settledAt", p."updatedAt"), 1, 10) AS "day", SUM(p."amountSats") AS "sats"
      FROM "Payment" p JOIN "Article" a ON a."id" = p."articleId"
     WHERE a."authorId" = ${authorId} AND p."status" = 'complete' AND COALESCE(p."settledAt", p."updatedAt") >= ${since}
     GROUP BY 1`;
  const byDay = new Map(rows.map((row) => [row.day, sqlInt(row.sats)]));
  return days.map((day) => ({ day, sats: byDay.get(day) ?? 0 }));
}
