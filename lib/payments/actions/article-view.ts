import "server-only";
import { z } from "zod";
import { grant } from "@/lib/access/entitlement-queries";
import { articleResource, READ } from "@/lib/access/entitlements";
import { recordArticleSale } from "@/lib/articles/article-sale";
import { ROW_ID } from "@/lib/http/identifiers";
import type { PaidAction } from "@/lib/payments/paid-action";
import { articleForSale } from "@/lib/payments/payment-queries";

const viewArgs = z.object({ articleId: z.string().regex(ROW_ID) });
type Args = z.infer<typeof viewArgs>;
type Subject = { id: string; title: string; priceSats: number };

/**
 * Paying to read an article: one payment per browser and article (its reuse key), which grants
 * that browser an entitlement to read it. The money: the site fee (SITE_FEE_PERCENT) to the site,
 * the rest to the authors by their shares; rounding leftovers go to the lead author
 * (lib/articles/article-sale.ts, shared with gifts).
 */
export const articleView = {
  type: "view" as const,
  args: viewArgs,
  payers: ["browser"],
  // Raw SQL: read on every new reader's invoice, where Prisma's query compiling cost ~2 ms.
  subject: ({ articleId }: Args): Promise<Subject | null> => articleForSale(articleId),
  // Wallets show the description to the payer; keep it short and free of anything private.
  invoice: (article: Subject, _args: Args, siteName: string) => ({
    amountMsats: BigInt(article.priceSats) * 1000n,
    description: `${siteName}: ${article.title}`.slice(0, 200),
  }),
  articleId: ({ articleId }: Args) => articleId,
  reuseKey: ({ articleId }: Args, payer) => `view:${payer.kind === "browser" ? payer.buyerId : "wallet"}:${articleId}`,
  async onPaid(tx, payment) {
    const articleId = payment.articleId!;
    await grant(tx, { paymentId: payment.id, buyerId: payment.buyerId, kind: READ, resource: articleResource(articleId), articleId, at: payment.settledAt });
    await recordArticleSale(tx, payment, articleId);
  },
  async receipt(tx, payment) {
    const { articleId } = viewArgs.parse(payment.args);
    const article = await tx.article.findUnique({ where: { id: articleId }, select: { title: true } });
    return article && { title: article.title, linkOpens: "opens the article on any device", details: [] };
  },
} satisfies PaidAction<Args, Subject>;
