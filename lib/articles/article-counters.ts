import "server-only";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import type { Prisma } from "@/lib/generated/prisma/client";

// The counters every list reads instead of counting payments: per article (viewCount, salesCount,
// earnedSats) and per author and UTC day (AuthorDailyStats). Called by markSettled inside the
// transaction whose conditional UPDATE completed the payment, and only when that UPDATE changed
// the row, so a settlement seen twice (or by two processes) is counted once, and a failure rolls
// back the completion and the counts together.

export async function countCompletedPayment(tx: Prisma.TransactionClient, paymentId: string): Promise<void> {
  const [payment] = await tx.$queryRaw<Array<{ articleId: string; authorId: string; purpose: string; amountSats: bigint; settledAt: unknown }>>`
    SELECT p."articleId", a."authorId", p."purpose", p."amountSats", p."settledAt"
      FROM "Payment" p JOIN "Article" a ON a."id" = p."articleId"
     WHERE p."id" = ${paymentId}`;
  if (!payment) throw new Error(`completed payment ${paymentId} not found in its own transaction`);
  const views = payment.purpose === "view" ? 1 : 0;
  const sats = sqlInt(payment.amountSats);
  const day = (sqlDate(payment.settledAt) ?? new Date()).toISOString().slice(0, 10);
  await tx.$executeRaw`
    UPDATE "Article" SET "viewCount" = "viewCount" + ${views}, "salesCount" = "salesCount" + 1, "earnedSats" = "earnedSats" + ${sats}
     WHERE "id" = ${payment.articleId}`;
  await tx.$executeRaw`
    INSERT INTO "AuthorDailyStats" ("authorId", "day", "views", "sales", "earnedSats") VALUES (${payment.authorId}, ${day}, ${views}, 1, ${sats})
    ON CONFLICT ("authorId", "day") DO UPDATE SET
      "views" = "AuthorDailyStats"."views" + excluded."views",
      "sales" = "AuthorDailyStats"."sales" + excluded."sales",
      "earnedSats" = "AuthorDailyStats"."earnedSats" + excluded."earnedSats"`;
}
