import type { Metadata } from "next";
import Link from "next/link";
import { SentGiftList } from "@/components/gifts/sent-gift-list";
import { Pager } from "@/components/pager";
import { HeldPasses } from "@/components/passes/held-passes";
import { Price } from "@/components/sats";
import { currentReader } from "@/lib/buyers/reader";
import { LibraryFiles } from "@/components/files/library-files";
import { listFileDownloads } from "@/lib/buyers/library-file-queries";
import { listPasses, listPurchases } from "@/lib/buyers/library-queries";
import { getEnv } from "@/lib/env";
import { sentGifts } from "@/lib/gifts/gifts";
import { browserBalanceMsats, earningsByKind } from "@/lib/ledger/ledger-queries";
import { satsOf } from "@/lib/ledger/msats";
import { decodeCursor } from "@/lib/pagination/keyset-cursor";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your library", robots: { index: false } };

type Props = { searchParams: Promise<{ before?: string | string[]; files?: string | string[] }> };

export default async function LibraryPage({ searchParams }: Props) {
  const query = await searchParams;
  const before = decodeCursor(query.before);
  const filesBefore = decodeCursor(query.files);
  const reader = await currentReader();
  const origin = await siteOrigin();
  const [{ items: purchases, older }, shares, passes, gifts, files] = await Promise.all([
    listPurchases(reader, before),
    upvoteShares(reader),
    before ? [] : listPasses(reader),
    before ? null : sentGifts(reader, origin),
    listFileDownloads(reader, filesBefore),
  ]);
  return (
    <div className="prose">
      <h1>Your library</h1>
      <p className="muted">
        {reader.userId
          ? "Everything you bought, on any device you signed in on."
          : "What you bought in this browser. Sign in to keep it in an account and read it on your other devices."}
      </p>
      <HeldPasses passes={passes} origin={origin} siteName={getEnv().SITE_NAME} />
      {purchases.length === 0 ? (
        <p data-testid="library-empty">{before ? "No older purchases." : passes.length ? "No single articles bought yet." : "Nothing bought yet."}</p>
      ) : (
        <ul className="library" data-testid="library">
          {purchases.map((purchase) => (
            <li key={purchase.paymentId} data-slug={purchase.slug}>
              <Link href={`/articles/${purchase.slug}`}>{purchase.title}</Link> · {purchase.gift ? <span data-testid="received-gift">a gift to you</span> : <Price sats={purchase.amountSats} />}
              {purchase.settledAt && ` · ${purchase.settledAt.toISOString().slice(0, 10)}`}
              {purchase.status === "deleted_by_admin" && <span className="muted"> · removed from the site, still yours</span>}
              {purchase.status === "draft" && <span className="muted"> · unpublished by the author, still yours</span>}
              {purchase.receiptToken && (
                <>
                  {" "}
                  · <a href={`${origin}/receipts/${purchase.receiptToken}`}>receipt link</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pager path="/library" older={older} isFirstPage={!before} />
      <LibraryFiles groups={files.items} older={files.older} isFirstPage={!filesBefore} />
      {gifts && <SentGiftList gifts={gifts.items} older={gifts.older} />}
      {shares > 0n && (
        <section aria-labelledby="shares-heading" data-testid="upvote-shares">
          <h2 id="shares-heading">Your upvote shares</h2>
          <p>
            Later upvotes of articles you upvoted have paid you <strong data-testid="upvote-shares-amount" data-msats={String(shares)}>{satsOf(shares)} sats</strong>.
          </p>
          <p className="muted">
            {reader.userId
              ? "They are in your account's balance."
              : "They belong to this browser. Sign in and move this browser's purchases into your account, and they move with them."}
          </p>
        </section>
      )}
    </div>
  );
}

/** What later upvotes paid this reader: the browser's own account, or a signed-in user's shares. */
async function upvoteShares(reader: { userId: string | null; buyerId: string | null }): Promise<bigint> {
  if (reader.userId) return (await earningsByKind(reader.userId)).upvote_share ?? 0n;
  return reader.buyerId ? browserBalanceMsats(reader.buyerId) : 0n;
}
