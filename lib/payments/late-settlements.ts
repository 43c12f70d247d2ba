import "server-only";
import { db } from "@/lib/db/client";

export type LateSettlement = { paymentId: string; articleTitle: string; articleSlug: string; amountSats: number; settledAt: Date | null };

/**
 * Payments settled after their article was withdrawn (settledAfterWithdrawal): credited to the
 * buyer, listed for the admins, who decide whether to refund them. Newest first.
 */
export async function listLateSettlements(limit = 100): Promise<LateSettlement[]> {
  const rows = await db().payment.findMany({
    where: { settledAfterWithdrawal: true, status: "complete" },
    select: { id: true, amountSats: true, settledAt: true, article: { select: { title: true, slug: true } } },
    orderBy: { settledAt: "desc" },
    take: limit,
  });
  return rows.map((row) => ({ paymentId: row.id, articleTitle: row.article?.title ?? "(no article)", articleSlug: row.article?.slug ?? "", amountSats: row.amountSats, settledAt: row.settledAt }));
}
