import "server-only";
import { listCoAuthors } from "@/lib/articles/co-authors";
import { getEnv } from "@/lib/env";
import { qrSvg } from "@/lib/qr/qr-svg";
import { articleTipLnurl } from "@/lib/tips/article-tip";
import { describeTipShares } from "@/lib/tips/tip-shares-words";

export type ArticleTipPanelData = { lnurl: string; qrSvg: string; shares: string; authors: number };

/** What the article page shows for tips: the article's LNURL-pay QR and how a tip is shared. */
export async function articleTipPanel(article: { id: string; authorName: string }, origin: string): Promise<ArticleTipPanelData> {
  const coAuthors = await listCoAuthors(article.id);
  // No shares stored: the lead author has it all.
  const authors = coAuthors.length ? coAuthors.map((entry) => ({ name: entry.name, percent: entry.percent })) : [{ name: article.authorName, percent: 100 }];
  const lnurl = articleTipLnurl(origin, article.id);
  return { lnurl, qrSvg: await qrSvg(`LIGHTNING:${lnurl}`), shares: describeTipShares(authors, getEnv().SITE_FEE_PERCENT), authors: authors.length };
}
