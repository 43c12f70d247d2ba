import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleBody } from "@/components/article-body";
import { Byline } from "@/components/byline";
import { ArticleFiles } from "@/components/files/article-files";
import { GiftBox } from "@/components/gifts/gift-box";
import { Paywall, PaywallFirstVisit, PaymentsUnavailable } from "@/components/paywall/paywall";
import { PassIncluded, PassOfferLinks } from "@/components/passes/pass-invoice";
import { ReceiptLink } from "@/components/receipt-link";
import { AccessTokenButton } from "@/components/access-token-button";
import { ReceiptEmailForm } from "@/components/invoice/receipt-email-form";
import { Price } from "@/components/sats";
import { ArticleTipPanel } from "@/components/tips/article-tip-panel";
import { UpvoteBox } from "@/components/upvote/upvote-box";
import { verifiedEmailOf } from "@/lib/auth/account-email";
import { articleShell } from "@/lib/articles/article-shell";
import { upvotePreviewFrom } from "@/lib/articles/upvotes";
import { currentReader } from "@/lib/buyers/reader";
import { readerView } from "@/lib/articles/reader-view";
import { passOffersFor } from "@/lib/passes/pass-offers";
import { devNodeAllowed } from "@/lib/lightning/lightning";
import { siteOrigin } from "@/lib/site-origin";
import { articleMetadata } from "@/lib/previews/article-metadata";

// Always rendered per request: what a reader sees depends on their cookies. The public parts
// come from the per-process shell cache (lib/articles/article-shell.ts); the paywall or the
// purchased body is worked out here for each request.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

// Metadata carries only public fields: title and teaser, never the paid body.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const shell = await articleShell((await params).slug, await siteOrigin());
  if (!shell) return { title: "Not found" };
  const { article } = shell;
  if (article.status === "deleted_by_admin") return { title: article.title, robots: { index: false } };
  // Unpublished: only earlier buyers see the page; nothing of it goes to anyone else.
  if (article.status !== "visible") return { title: "Article", robots: { index: false } };
  return articleMetadata(article, await siteOrigin(), shell.bylines);
}

export default async function ArticlePage({ params }: Props) {
  const shell = await articleShell((await params).slug, await siteOrigin());
  if (!shell) notFound();
  const { article, bylines, files, tip } = shell;
  const view = await readerView(article, shell.freeBody);
  if (view.kind === "unpublished") notFound();
  if (view.kind === "removed") {
    return (
      <article className="article" data-testid="article-removed">
        <h1>{article.title}</h1>
        <p className="state unavailable">This article was removed by the site&apos;s administrators.</p>
      </article>
    );
  }
  // The upvote split leaves out the reader's own earlier upvote: the one per-reader part of it.
  const upvote = shell.upvote && upvotePreviewFrom(shell.upvote, await currentReader());
  return (
    <article className="article">
      <h1>{article.title}</h1>
      <p className="meta">
        <Byline authors={bylines} />
        {article.publishedAt ? ` · ${article.publishedAt.toISOString().slice(0, 10)}` : ""} · <Price sats={article.priceSats} />
      </p>
      <p className="teaser" data-testid="teaser">
        {article.teaser}
      </p>
      {view.kind === "free" && <ArticleBody markdown={view.body} />}
      {view.kind === "purchased" && (
        <>
          {article.status === "deleted_by_admin" && (
            <p className="note" data-testid="removed-but-bought">
              This article was removed by the site&apos;s administrators. You bought it, so you can still read it.
            </p>
          )}
          {article.status === "draft" && (
            <p className="note" data-testid="unpublished-but-bought">
              The author has unpublished this article. You bought it, so you can still read it.
            </p>
          )}
          {view.passUntil && <PassIncluded until={view.passUntil} />}
          <ArticleBody markdown={view.body} />
          {article.priceSats > 0 && <AccessTokenButton resource={`article:${article.id}`} />}
          {!view.passUntil && view.receiptToken && (
            <>
              <ReceiptLink url={`${await siteOrigin()}/receipts/${view.receiptToken}`} />
              <ReceiptEmailForm paymentId={view.paymentId} />
            </>
          )}
        </>
      )}
      {/* The files go with the article: downloadable by whoever may read it. */}
      <ArticleFiles files={files} held={view.kind === "free" || view.kind === "purchased"} />
      {view.kind === "paywall" && view.paywall.kind === "waiting" && <Paywall {...view.paywall} swapInBody devWallet={devNodeAllowed()} verifiedEmail={await verifiedEmailOf((await currentReader()).userId)} />}
      {(view.kind === "paywall" || view.kind === "first-visit") && <PassOfferLinks offers={shell.passOffers ?? (await passOffersFor(bylines))} />}
      {view.kind === "paywall" && view.paywall.kind === "unavailable" && <PaymentsUnavailable message={view.paywall.message} />}
      {view.kind === "paywall" && view.paywall.kind === "busy" && <PaymentsUnavailable message={view.paywall.message} state="busy" />}
      {view.kind === "first-visit" && <PaywallFirstVisit amountSats={article.priceSats} swapInBody invoiceUrl={`/api/articles/${article.id}/invoice`} devWallet={devNodeAllowed()} />}
      {view.kind === "no-reader" && <PaymentsUnavailable message="Enable cookies to buy this article: your purchase is remembered by this browser." />}
      {article.status === "visible" && article.priceSats > 0 && (view.kind === "paywall" || view.kind === "first-visit" || view.kind === "purchased") && (
        <GiftBox kind="article" id={article.id} priceSats={article.priceSats} what="this article" devWallet={devNodeAllowed()} verifiedEmail={await verifiedEmailOf((await currentReader()).userId)} />
      )}
      {upvote && (
        <UpvoteBox articleId={article.id} priceSats={upvote.sats} split={upvote.text} upvotes={article.upvotes} upvoteSats={article.upvoteSats} devWallet={devNodeAllowed()} />
      )}
      {tip && <ArticleTipPanel {...tip} />}
    </article>
  );
}
