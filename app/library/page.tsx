import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/pager";
import { Price } from "@/components/sats";
import { currentReader } from "@/lib/buyers/reader";
import { listPurchases } from "@/lib/buyers/library-queries";
import { decodeCursor } from "@/lib/pagination/keyset-cursor";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your library", robots: { index: false } };

type Props = { searchParams: Promise<{ before?: string | string[] }> };

export default async function LibraryPage({ searchParams }: Props) {
  const before = decodeCursor((await searchParams).before);
  const reader = await currentReader();
  const [{ items: purchases, older }, origin] = await Promise.all([listPurchases(reader, before), siteOrigin()]);
  return (
    <div className="prose">
      <h1>Your library</h1>
      <p className="muted">
        {reader.userId
          ? "Everything you bought, on any device you signed in on."
          : "What you bought in this browser. Sign in to keep it in an account and read it on your other devices."}
      </p>
      {purchases.length === 0 ? (
        <p data-testid="library-empty">{before ? "No older purchases." : "Nothing bought yet."}</p>
      ) : (
        <ul className="library" data-testid="library">
          {purchases.map((purchase) => (
            <li key={purchase.paymentId} data-slug={purchase.slug}>
              <Link href={`/articles/${purchase.slug}`}>{purchase.title}</Link> · <Price sats={purchase.amountSats} />
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
    </div>
  );
}
