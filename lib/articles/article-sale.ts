import "server-only";
import { countArticleSale } from "@/lib/articles/article-counter-queries";
import { articleParties } from "@/lib/articles/article-share-queries";
import { getEnv } from "@/lib/env";
import { NODE_ACCOUNT, SITE_ACCOUNT } from "@/lib/ledger/accounts";
import { postJournal } from "@/lib/ledger/ledger-queries";
import { percentOf, splitByPercent } from "@/lib/ledger/splits";
import type { PaidPayment, Tx } from "@/lib/payments/paid-action";

/**
 * The money and counters of selling an article's reading, in the completing transaction: the
 * site fee (SITE_FEE_PERCENT) to the site, the rest to the authors by their shares (rounding
 * leftovers to the lead author), and the article's sale counted. Shared by a purchase for oneself
 * (actions/article-view.ts) and a gift (actions/gift.ts), so both sell on the same terms.
 */
export async function recordArticleSale(tx: Tx, payment: PaidPayment, articleId: string): Promise<void> {
  const fee = percentOf(payment.receivedMsats, getEnv().SITE_FEE_PERCENT);
  const { parties } = await articleParties(tx, articleId);
  const shares = splitByPercent(payment.receivedMsats - fee, parties);
  await postJournal(
    tx,
    `payment:${payment.id}`,
    [
      { account: NODE_ACCOUNT, kind: "received", amountMsats: -payment.receivedMsats },
      { account: SITE_ACCOUNT, kind: "site_fee", amountMsats: fee },
      ...parties.map((party, index) => ({ account: party.account, kind: "sale" as const, amountMsats: shares[index]! })),
    ],
    { paymentId: payment.id, articleId, at: payment.settledAt },
  );
  await countArticleSale(tx, { articleId, amountSats: payment.amountSats, settledAt: payment.settledAt, view: true, upvote: false });
}
