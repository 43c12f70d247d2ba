import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { userAccount } from "@/lib/ledger/accounts";
import type { Party } from "@/lib/ledger/splits";

/**
 * Who shares the article's money, lead author first (they take the rounding remainder): its
 * co-authors with their percents, or the author alone. Read inside the paying transaction.
 */
export async function articleParties(tx: Prisma.TransactionClient, articleId: string): Promise<{ authorId: string; parties: Party[] }> {
  const [article] = await tx.$queryRaw<Array<{ authorId: string }>>`SELECT "authorId" FROM "Article" WHERE "id" = ${articleId}`;
  if (!article) throw new Error(`article ${articleId} not found`);
  const rows = await tx.$queryRaw<Array<{ userId: string; sharePercent: bigint | number }>>`
    SELECT "userId", "sharePercent" FROM "ArticleAuthor" WHERE "articleId" = ${articleId} ORDER BY "position" ASC`;
  const parties = rows.length
    ? rows.map((row) => ({ account: userAccount(row.userId), percent: Number(row.sharePercent) }))
    : [{ account: userAccount(article.authorId), percent: 100 }];
  return { authorId: article.authorId, parties };
}
