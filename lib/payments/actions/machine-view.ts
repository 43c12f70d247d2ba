import "server-only";
import { z } from "zod";
import { grant } from "@/lib/access/entitlement-queries";
import { articleResource, READ } from "@/lib/access/entitlements";
import { recordArticleSale } from "@/lib/articles/article-sale";
import { db } from "@/lib/db/client";
import { ROW_ID } from "@/lib/http/identifiers";
import type { PaidAction } from "@/lib/payments/paid-action";

const l402Args = z.object({ articleId: z.string().regex(ROW_ID) });
type Args = z.infer<typeof l402Args>;
type Subject = { id: string; title: string; priceSats: number };

/**
 * A machine reading an article through the L402 API (lib/l402/): each 402 challenge is a new
 * payment (no reuse key: a machine keeps no cookie, and the macaroon is bound to this invoice's
 * payment hash). The same sale as a browser's purchase (lib/articles/article-sale.ts: site fee,
 * co-authors' shares, counters); the entitlement has no buyer, since the credential itself (the
 * macaroon and the preimage) is what opens the article.
 */
export const machineView = {
  type: "machine_view" as const,
  args: l402Args,
  payers: ["machine"],
  async subject({ articleId }: Args): Promise<Subject | null> {
    const article = await db().article.findUnique({ where: { id: articleId }, select: { id: true, title: true, priceSats: true, status: true } });
    return article && article.status === "visible" && article.priceSats > 0 ? article : null;
  },
  invoice: (article: Subject, _args: Args, siteName: string) => ({
    amountMsats: BigInt(article.priceSats) * 1000n,
    description: `${siteName}: ${article.title} (L402)`.slice(0, 200),
  }),
  articleId: ({ articleId }: Args) => articleId,
  async onPaid(tx, payment) {
    const articleId = payment.articleId!;
    await grant(tx, { paymentId: payment.id, buyerId: null, kind: READ, resource: articleResource(articleId), articleId, at: payment.settledAt });
    await recordArticleSale(tx, payment, articleId);
  },
} satisfies PaidAction<Args, Subject>;
