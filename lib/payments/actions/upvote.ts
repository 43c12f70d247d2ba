import "server-only";
import { z } from "zod";
import { countArticleSale } from "@/lib/articles/article-counter-queries";
import { articleParties } from "@/lib/articles/article-share-queries";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { ROW_ID } from "@/lib/http/identifiers";
import { browserAccount, NODE_ACCOUNT, SITE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { type LedgerLine, postJournal } from "@/lib/ledger/ledger-queries";
import { equalParts, percentOf, splitByPercent } from "@/lib/ledger/splits";
import type { PaidAction } from "@/lib/payments/paid-action";
import { buyerUserId, earlierPayers } from "@/lib/payments/payment-queries";

type Args = { articleId: string };
type Subject = { id: string; title: string };

// Upvoters who share a later upvote, earliest first: bounds the entries one upvote writes (and
// with UPVOTE_SATS = 10 no share could be a whole msat beyond a few thousand upvoters anyway).
export const MAX_SHARING_UPVOTERS = 1000;

/**
 * A paid upvote (the seed tutorial's extension), by any browser, as often as it likes: the reuse
 * key holds one open upvote per browser and article and is released once paid. The money: the
 * site fee off the top; of the rest, UPVOTE_AUTHOR_PERCENT to the authors (by their shares), the
 * remainder in equal parts to the earlier upvoters (distinct browsers or accounts, the payer
 * excluded). With no earlier upvoters the authors get it all. Rounding leftovers go to the lead
 * author. Buys no reading.
 */
export const upvote = {
  type: "upvote" as const,
  args: z.object({ articleId: z.string().regex(ROW_ID) }),
  payers: ["browser"],
  async subject({ articleId }: Args): Promise<Subject | null> {
    const article = await db().article.findUnique({ where: { id: articleId }, select: { id: true, title: true, status: true } });
    return article && article.status === "visible" ? article : null;
  },
  invoice: (article: Subject, _args: Args, siteName: string) => ({
    amountMsats: BigInt(getEnv().UPVOTE_SATS) * 1000n,
    description: `${siteName}: upvote ${article.title}`.slice(0, 200),
  }),
  articleId: ({ articleId }: Args) => articleId,
  reuseKey: ({ articleId }: Args, payer) => `upvote:${payer.kind === "browser" ? payer.buyerId : "wallet"}:${articleId}`,
  repeatable: true,
  async onPaid(tx, payment) {
    const articleId = payment.articleId!;
    const env = getEnv();
    const received = payment.receivedMsats;
    const fee = percentOf(received, env.SITE_FEE_PERCENT);
    const { parties } = await articleParties(tx, articleId);
    const payers = await earlierPayers(tx, { articleId, purpose: "upvote", excludePaymentId: payment.id, limit: MAX_SHARING_UPVOTERS + 1 });
    const payerUserId = payment.buyerId ? await buyerUserId(tx, payment.buyerId) : null;
    const payerAccount = payment.buyerId ? (payerUserId ? userAccount(payerUserId) : browserAccount(payment.buyerId)) : null;
    const sharing = payers
      .map((ref) => (ref.userId ? userAccount(ref.userId) : browserAccount(ref.buyerId)))
      .filter((account) => account !== payerAccount)
      .slice(0, MAX_SHARING_UPVOTERS);
    const rest = received - fee;
    const pool = sharing.length ? rest - percentOf(rest, env.UPVOTE_AUTHOR_PERCENT) : 0n;
    const { each, remainder } = equalParts(pool, sharing.length);
    const authorShares = splitByPercent(rest - pool + remainder, parties);
    const lines: LedgerLine[] = [
      { account: NODE_ACCOUNT, kind: "received", amountMsats: -received },
      { account: SITE_ACCOUNT, kind: "site_fee", amountMsats: fee },
      ...parties.map((party, index) => ({ account: party.account, kind: "upvote" as const, amountMsats: authorShares[index]! })),
      ...sharing.map((account) => ({ account, kind: "upvote_share" as const, amountMsats: each })),
    ];
    await postJournal(tx, `payment:${payment.id}`, lines, { paymentId: payment.id, articleId, at: payment.settledAt });
    await countArticleSale(tx, { articleId, amountSats: payment.amountSats, settledAt: payment.settledAt, view: false, upvote: true });
  },
} satisfies PaidAction<Args, Subject>;
