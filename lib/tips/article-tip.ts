import "server-only";
import { encodeLnurl } from "@/lib/auth/lnurl-auth";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { ROW_ID } from "@/lib/http/identifiers";
import type { ActionType } from "@/lib/payments/actions";
import { parseTipRequest, payRequestBody } from "@/lib/tips/lnurl-pay";
import { walletInvoice } from "@/lib/tips/tip-callback";
import { articleTipMetadata, articleTipThanks, type TippedArticle } from "@/lib/tips/tip-metadata";

// LNURL-pay for one article (LUD-06): the article page's QR leads a wallet here; the tip is
// shared by the article's authors as its sales are (lib/payments/actions/article-tip.ts). Same
// range, comment limit and callback checks as an author's Lightning Address.

const ARTICLE_TIP: ActionType = "article_tip";

export const articleTipPath = (articleId: string) => `/api/lnurlp/articles/${articleId}`;

/** The bech32 LNURL of an article's payRequest (what the article page's QR code holds). */
export function articleTipLnurl(origin: string, articleId: string): string {
  return encodeLnurl(`${origin}${articleTipPath(articleId)}`);
}

/**
 * The article a wallet asks to tip, while it is on the site. Unknown ids and drafts (never
 * published, or unpublished by the author) answer 404, as the article page does; an article the
 * admins removed answers 410, so a wallet holding its QR learns it is gone for good.
 */
export async function tippableArticle(rawId: string): Promise<TippedArticle> {
  const article = ROW_ID.test(rawId) ? await db().article.findUnique({ where: { id: rawId }, select: { id: true, title: true, status: true } }) : null;
  if (article?.status === "deleted_by_admin") throw new AppError(410, "This article was removed by the site's administrators and takes no tips", "article_removed");
  if (!article || article.status !== "visible") throw notFound("No such article on this site", "no_such_article");
  return { id: article.id, title: article.title };
}

export async function articleTipPayRequest(rawId: string, origin: string): Promise<Record<string, unknown>> {
  const article = await tippableArticle(rawId);
  return payRequestBody(`${origin}${articleTipPath(article.id)}/callback`, articleTipMetadata(article, getEnv().SITE_NAME));
}

/** The callback: a new article tip payment for the amount asked, and its invoice. */
export async function articleTipInvoice(rawId: string, query: URLSearchParams, origin: string, clientAddress: string): Promise<Record<string, unknown>> {
  const article = await tippableArticle(rawId);
  const { amountMsats, comment } = parseTipRequest(query);
  const args = { articleId: article.id, amountMsats, host: new URL(origin).host, ...(comment === undefined ? {} : { comment }) };
  return walletInvoice(ARTICLE_TIP, args, articleTipThanks(article), clientAddress);
}
