import "server-only";
import { sqlDate } from "@/lib/db/sql-values";
import type { Prisma } from "@/lib/generated/prisma/client";

// The counters every list reads instead of counting payments: per article (viewCount, salesCount,
// earnedSats, upvoteCount, upvoteSats) and per author and UTC day (AuthorDailyStats). Called by
// the paid actions' onPaid inside the transaction that completes the payment, which runs only
// when the completing UPDATE changed the row: a settlement seen twice is counted once, and a
// failure rolls back the completion and the counts together.

export type ArticleSale = { articleId: string; amountSats: number; settledAt: unknown; view: boolean; upvote: boolean };

export async function countArticleSale(tx: Prisma.TransactionClient, sale: ArticleSale): Promise<void> {
  const [article] = await tx.$queryRaw<Array<{ authorId: string }>>`SELECT "authorId" FROM "Article" WHERE "id" = ${sale.articleId}`;
  if (!article) throw new Error(`article ${sale.articleId} not found in the paying transaction`);
  const views = sale.view ? 1 : 0;
  const upvotes = sale.upvote ? 1 : 0;
  const sats = sale.amountSats;
  const day = (sqlDate(sale.settledAt) ?? new Date()).toISOString().slice(0, 10);
  await tx.$executeRaw`
    UPDATE "Article" SET "viewCount" = "viewCount" + ${views}, "salesCount" = "salesCount" + 1, "earnedSats" = "earnedSats" + ${sats},
           "upvoteCount" = "upvoteCount" + ${upvotes}, "upvoteSats" = "upvoteSats" + ${upvotes * sats}
     WHERE "id" = ${sale.articleId}`;
  await tx.$executeRaw`
    INSERT INTO "AuthorDailyStats" ("authorId", "day", "views", "sales", "earnedSats") VALUES (${article.authorId}, ${day}, ${views}, 1, ${sats})
    ON CONFLICT ("authorId", "day") DO UPDATE SET
      "views" = "AuthorDailyStats"."views" + excluded."views",
      "sales" = "AuthorDailyStats"."sales" + excluded."sales",
      "earnedSats" = "AuthorDailyStats"."earnedSats" + excluded."earnedSats"`;
}
