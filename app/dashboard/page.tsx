import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionButton } from "@/components/action-button";
import { AuthorArticlesTable } from "@/components/dashboard/author-articles-table";
import { CoAuthoredTable } from "@/components/dashboard/co-authored-table";
import { MoneySummary } from "@/components/dashboard/money-summary";
import { EarningsChart } from "@/components/dashboard/earnings-chart";
import { AuthorFilesSection } from "@/components/files/author-files-section";
import { PassOfferForm } from "@/components/passes/pass-offer-form";
import { SoldFilesManager } from "@/components/files/sold-files-manager";
import { Pager } from "@/components/pager";
import { TipComments } from "@/components/tips/tip-comments";
import { authorArticleStats, authorTotals, dailyEarnings } from "@/lib/articles/author-stats-queries";
import { currentUser } from "@/lib/auth/current-user";
import { getEnv } from "@/lib/env";
import { authorFiles } from "@/lib/files/author-file-queries";
import { listSoldAloneFiles } from "@/lib/files/file-queries";
import { coAuthoredArticles, earnedByArticle } from "@/lib/ledger/earnings-queries";
import { earningsByKind } from "@/lib/ledger/ledger-queries";
import { activePassOffer } from "@/lib/passes/pass-offer-queries";
import { decodeCursor } from "@/lib/pagination/keyset-cursor";
import { siteOrigin } from "@/lib/site-origin";
import { lightningAddress } from "@/lib/tips/tip-metadata";
import { lightningNameOf, recentTipComments } from "@/lib/tips/tip-queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard", robots: { index: false } };

type Props = { searchParams: Promise<{ before?: string | string[]; files?: string | string[] }> };

export default async function DashboardPage({ searchParams }: Props) {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/dashboard");
  if (!user.canWrite) return <BecomeAuthor open={getEnv().OPEN_AUTHOR_SIGNUP === "1"} />;
  const query = await searchParams;
  const before = decodeCursor(query.before);
  const filesBefore = decodeCursor(query.files);
  const [page, totals, days, earnings, coAuthored] = await Promise.all([
    authorArticleStats(user.id, before),
    authorTotals(user.id),
    dailyEarnings(user.id),
    earningsByKind(user.id),
    coAuthoredArticles(user.id),
  ]);
  // Every entry has a kind, so the balance is the sum by kind: one pass over the ledger, not two.
  const balance = Object.values(earnings).reduce((sum, msats) => sum + (msats ?? 0n), 0n);
  const [yours, tipComments, lightningName, origin, passOffer, soldFiles, files] = await Promise.all([
    earnedByArticle(user.id, page.items.map((row) => row.id)),
    recentTipComments(user.id),
    lightningNameOf(user.id),
    siteOrigin(),
    activePassOffer(user.id),
    listSoldAloneFiles(user.id),
    authorFiles(user.id, filesBefore),
  ]);
  const rows = page.items.map((row) => ({ ...row, yourMsats: yours.get(row.id) ?? 0n }));
  return (
    <div className="dashboard">
      <div className="row spread">
        <h1>Your articles</h1>
        <Link href="/dashboard/articles/new" className="button" data-testid="new-article">
          New article
        </Link>
      </div>
      {totals.articles === 0 ? (
        <p className="muted" data-testid="no-articles">
          You have not written anything yet. Start with a new article: it stays a draft until you publish it.
        </p>
      ) : (
        <AuthorArticlesTable articles={rows} totals={totals} />
      )}
      <Pager path="/dashboard" older={page.older} isFirstPage={!before} />
      <MoneySummary balanceMsats={balance} byKind={earnings}>
        <TipComments comments={tipComments} address={lightningName ? lightningAddress(lightningName, new URL(origin).host) : null} />
      </MoneySummary>
      {coAuthored.length > 0 && (
        <>
          <h2>Co-written with others</h2>
          <CoAuthoredTable articles={coAuthored} />
        </>
      )}
      <AuthorFilesSection files={files.items} older={files.older} isFirstPage={!filesBefore} />
      <h2>Your pass</h2>
      <PassOfferForm initial={passOffer} endpoint="/api/account/pass-offer" label="Readers pay once to read all your paid articles for some days." />
      <SoldFilesManager initial={soldFiles} maxPriceSats={getEnv().MAX_PRICE_SATS} maxUploadMb={getEnv().MAX_UPLOAD_MB} />
      <h2>Earnings</h2>
      <EarningsChart days={days} />
    </div>
  );
}

function BecomeAuthor({ open }: { open: boolean }) {
  return (
    <div className="prose" data-testid="become-author">
      <h1>Write on this site</h1>
      <p>
        Authors write articles in Markdown, set a price in sats (or publish for free) and are paid over Lightning each time a reader opens one. Your dashboard
        then shows views, sales and what you earned.
      </p>
      {open ? (
        <ActionButton url="/api/account/author" label="Become an author" className="button" testId="become-author-button" />
      ) : (
        <p className="muted">This site does not take new authors at the moment; ask one of its administrators.</p>
      )}
    </div>
  );
}
