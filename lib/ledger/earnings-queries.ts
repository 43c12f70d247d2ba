import "server-only";
import { db } from "@/lib/db/client";
import { userAccount } from "@/lib/ledger/accounts";

// What one person earned per article, from the ledger (LedgerEntry.articleId): the dashboard's
// "your share" column and its co-authored list. Credits only (sales, upvotes, tips): the
// person's own upvote shares of an article are earnings too and count with it.

const EARNING_KINDS = ["sale", "upvote", "upvote_share", "tip"];

/** Msats credited to the user for each of the given articles (absent: nothing yet). */
export async function earnedByArticle(userId: string, articleIds: string[]): Promise<Map<string, bigint>> {
  if (articleIds.length === 0) return new Map();
  const rows = await db().ledgerEntry.groupBy({
    by: ["articleId"],
    where: { account: userAccount(userId), articleId: { in: articleIds }, kind: { in: EARNING_KINDS } },
    _sum: { amountMsats: true },
  });
  return new Map(rows.map((row) => [row.articleId!, row._sum.amountMsats ?? 0n]));
}

export type CoAuthored = { id: string; slug: string; title: string; status: string; leadName: string; percent: number; earnedMsats: bigint };

/** Articles someone else leads where the user is a co-author (at most `limit`, newest first), with what they earned. */
export async function coAuthoredArticles(userId: string, limit = 50): Promise<CoAuthored[]> {
  const rows = await db().articleAuthor.findMany({
    where: { userId, position: { gt: 0 } },
    orderBy: { article: { createdAt: "desc" } },
    take: limit,
    select: {
      sharePercent: true,
      article: { select: { id: true, slug: true, title: true, status: true, author: { select: { profile: { select: { displayName: true } } } } } },
    },
  });
  const earned = await earnedByArticle(userId, rows.map((row) => row.article.id));
  return rows.map(({ sharePercent, article }) => ({
    id: article.id,
    slug: article.slug,
    title: article.title,
    status: article.status,
    leadName: article.author.profile?.displayName ?? "Anonymous",
    percent: sharePercent,
    earnedMsats: earned.get(article.id) ?? 0n,
  }));
}
