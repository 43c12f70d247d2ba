import "server-only";
import { readBody } from "@/lib/access/entitlement-queries";
import { type BylineAuthor, bylineOf, coAuthorBylines } from "@/lib/articles/article-bylines";
import { findPublicArticle, type PublicArticle } from "@/lib/articles/article-queries";
import { articleParties } from "@/lib/articles/article-share-queries";
import { UPVOTE, type UpvoteInputs } from "@/lib/articles/upvotes";
import { articleTag, cachedPage, PASS_OFFERS_TAG } from "@/lib/cache/page-cache";
import { db } from "@/lib/db/client";
import { type PublicFile, listArticleFiles } from "@/lib/files/file-queries";
import { MAX_SHARING_UPVOTERS } from "@/lib/ledger/upvote-split";
import { passOffersFor } from "@/lib/passes/pass-offers";
import { earlierPayers } from "@/lib/payments/payment-queries";
import { type ArticleTipPanelData, articleTipPanel } from "@/lib/tips/article-tip-panel";

/**
 * What an article page shows the same way to everyone, read once per process and PAGE_CACHE_MS
 * (lib/cache/page-cache.ts) instead of on every view: the public row, byline, files offered,
 * tip panel, the inputs of the upvote preview, and the body of a FREE article (read with its
 * `priceSats = 0` condition, so a paid body can never land here). The reader's own part (paywall,
 * purchased body, their upvote split) is worked out per request by the page.
 */
export type ArticleShell = {
  article: PublicArticle;
  bylines: BylineAuthor[];
  files: PublicFile[];
  freeBody: string | null;
  tip: ArticleTipPanelData | null;
  upvote: UpvoteInputs | null;
  /** The passes a paywall offers (priced articles on sale). */
  passOffers: PassOffers | null;
};

type PassOffers = Awaited<ReturnType<typeof passOffersFor>>;

export function articleShell(slug: string, origin: string): Promise<ArticleShell | null> {
  // The origin is in the key: the tip panel's LNURL is absolute (one origin with SITE_URL set).
  return cachedPage(`article:${origin}:${slug}`, () => loadShell(slug, origin), (shell) => (shell ? [articleTag(shell.article.id), PASS_OFFERS_TAG] : null));
}

async function loadShell(slug: string, origin: string): Promise<ArticleShell | null> {
  const article = await findPublicArticle(slug);
  if (!article) return null;
  const visible = article.status === "visible";
  const byline = bylineOf(await coAuthorBylines([article.id]), article);
  const [files, freeBody, tip, upvote, passOffers] = await Promise.all([
    listArticleFiles(article.id, "visible"),
    visible && article.priceSats === 0 ? readBody(article.id, { free: true }) : null,
    // Upvotes and tips are taken while the article is on the site (buyers of a withdrawn one see neither).
    visible ? articleTipPanel(article, origin) : null,
    visible ? upvoteInputs(article.id) : null,
    visible && article.priceSats > 0 ? passOffersFor(byline) : null,
  ]);
  return { article, bylines: byline, files, freeBody, tip, upvote, passOffers };
}

async function upvoteInputs(articleId: string): Promise<UpvoteInputs> {
  const [payers, { parties }] = await Promise.all([
    // One more than can share: the reader may be among them and is then left out (upvotes.ts).
    earlierPayers(db(), { articleId, purpose: UPVOTE, excludePaymentId: "", limit: MAX_SHARING_UPVOTERS + 1 }),
    articleParties(db(), articleId),
  ]);
  return { payers, parties };
}
