import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DownloadLink, FileFacts } from "@/components/files/file-facts";
import { AccessTokenButton } from "@/components/access-token-button";
import { PassIncluded } from "@/components/passes/pass-invoice";
import { Paywall, PaymentsUnavailable, PaywallFirstVisit } from "@/components/paywall/paywall";
import { Price } from "@/components/sats";
import { verifiedEmailOf } from "@/lib/auth/account-email";
import { currentReader } from "@/lib/buyers/reader";
import { isFileId } from "@/lib/files/file-id";
import { filePageView } from "@/lib/files/file-page";
import { devNodeAllowed } from "@/lib/lightning/lightning";

// Per request: what a reader sees depends on their cookies.
export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const view = isFileId(id) ? await filePageView(id) : null;
  return { title: view ? view.file.title : "File not found" };
}

export default async function FilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isFileId(id)) notFound();
  const view = await filePageView(id);
  if (!view) notFound();
  const { file, access, sale, manager } = view;
  return (
    <article className="article file-page" data-testid="file-page">
      <h1>{file.title}</h1>
      <p className="meta">
        <FileFacts mimeType={file.mimeType} sizeBytes={file.sizeBytes} /> · by{" "}
        <Link href={`/authors/${file.ownerId}`}>{file.owner.profile?.displayName ?? "an author"}</Link>
        {file.articleId === null && (
          <>
            {" "}
            · <Price sats={file.priceSats ?? 0} />
          </>
        )}
      </p>
      {manager && file.status !== "visible" && (
        <p className="note" data-testid="file-status-note">
          {file.status === "draft" ? "Draft: only you can see this page until you publish the file." : "Removed: it is no longer sold; its buyers keep it."}
        </p>
      )}
      {file.article && (
        <p data-testid="file-article">
          Sold with the article <Link href={`/articles/${file.article.slug}`}>{file.article.title}</Link>.
        </p>
      )}
      {access && (
        <section className="file-held" aria-label="Your file">
          {!access.free && access.passUntil && <PassIncluded until={access.passUntil} />}
          <DownloadLink fileId={file.id} title={file.title} />
          {!access.free && <AccessTokenButton resource={`file:${file.id}`} />}
        </section>
      )}
      {sale?.kind === "waiting" && (
        <Paywall
          {...sale}
          devWallet={devNodeAllowed()}
          verifiedEmail={await verifiedEmailOf((await currentReader()).userId)}
          heading="Get this file"
          lead="Pay from any Lightning wallet. The download appears here the moment the payment settles."
          paidText="Paid. Opening the download…"
        />
      )}
      {sale?.kind === "first-visit" && <PaywallFirstVisit amountSats={file.priceSats ?? 0} heading="Get this file" />}
      {sale?.kind === "no-reader" && <PaymentsUnavailable message="Enable cookies to buy this file: your purchase is remembered by this browser." />}
      {(sale?.kind === "unavailable" || sale?.kind === "busy") && <PaymentsUnavailable message={sale.message} state={sale.kind} />}
      {sale?.kind === "not-for-sale" && <p className="note">This file is not on sale at the moment.</p>}
    </article>
  );
}
