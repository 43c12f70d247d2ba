import "server-only";
import { countArticleSale } from "@/lib/articles/article-counter-queries";
import { articleParties } from "@/lib/articles/article-share-queries";
import { postSaleJournal } from "@/lib/ledger/sale-journal";
import type { PaidPayment, Tx } from "@/lib/payments/paid-action";

/**
 * The money and counters of selling an article's reading, in the completing transaction: the
 * sale journal (site fee, the rest to the authors by their shares, rounding leftovers to the lead
 * author) and the article's sale counted. Shared by a purchase for oneself (actions/article-view.ts)
 * and a gift (actions/gift.ts), so both sell on the same terms.
 */
export async function recordArticleSale(tx: Tx, payment: PaidPayment, articleId: string): Promise<void> {
  const { parties } = await articleParties(tx, articleId);
  await postSaleJournal(tx, payment, parties, articleId);
  await countArticleSale(tx, { articleId, amountSats: payment.amountSats, settledAt: payment.settledAt, view: true, upvote: false });
}
