import "server-only";
import { z } from "zod";
import { articleParties } from "@/lib/articles/article-share-queries";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { ROW_ID } from "@/lib/http/identifiers";
import { NODE_ACCOUNT, SITE_ACCOUNT } from "@/lib/ledger/accounts";
import { postJournal } from "@/lib/ledger/ledger-queries";
import { percentOf, splitByPercent } from "@/lib/ledger/splits";
import type { PaidAction } from "@/lib/payments/paid-action";
import { articleTipMetadata, sha256Hex, type TippedArticle } from "@/lib/tips/tip-metadata";

// A tip on one article (LNURL-pay, lib/tips/article-tip.ts): a wallet pays, its authors share
// it. No browser and no reuse key: every callback is a new invoice. The invoice commits to the
// payRequest's metadata by its hash (LUD-06), rebuilt here from the article's title.

const articleTipArgs = z.object({
  articleId: z.string().regex(ROW_ID),
  amountMsats: z.number().int().positive().multipleOf(1000),
  comment: z.string().max(2000).optional(),
  // The host the wallet reached the site by (kept with the payment, as for address tips).
  host: z.string().min(1).max(255),
});
type ArticleTipArgs = z.infer<typeof articleTipArgs>;

export const articleTip = {
  type: "article_tip" as const,
  args: articleTipArgs,
  payers: ["wallet"],
  async subject({ articleId }: ArticleTipArgs): Promise<TippedArticle | null> {
    const article = await db().article.findUnique({ where: { id: articleId }, select: { id: true, title: true, status: true } });
    return article && article.status === "visible" ? { id: article.id, title: article.title } : null;
  },
  invoice: (article: TippedArticle, args: ArticleTipArgs, siteName: string) => ({
    amountMsats: BigInt(args.amountMsats),
    descriptionHash: sha256Hex(articleTipMetadata(article, siteName)),
  }),
  // Set, so that withdrawing the article cancels its open tip invoices as it does its sales.
  articleId: ({ articleId }: ArticleTipArgs) => articleId,
  // The site fee (rounded down) to the site; the rest to the authors by their shares, as for a
  // sale, the lead author taking the rounding remainder. A tip is no sale: no counter moves.
  async onPaid(tx, payment) {
    const { articleId } = articleTipArgs.parse(payment.args);
    const received = payment.receivedMsats;
    const fee = percentOf(received, getEnv().SITE_FEE_PERCENT);
    const { parties } = await articleParties(tx, articleId);
    const shares = splitByPercent(received - fee, parties);
    await postJournal(
      tx,
      `payment:${payment.id}`,
      [
        { account: NODE_ACCOUNT, kind: "received", amountMsats: -received },
        { account: SITE_ACCOUNT, kind: "site_fee", amountMsats: fee },
        ...parties.map((party, index) => ({ account: party.account, kind: "tip" as const, amountMsats: shares[index]! })),
      ],
      { paymentId: payment.id, articleId, at: payment.settledAt },
    );
  },
} satisfies PaidAction<ArticleTipArgs, TippedArticle>;
