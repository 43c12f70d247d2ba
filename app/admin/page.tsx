import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ActionButton } from "@/components/action-button";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { PassOfferForm } from "@/components/passes/pass-offer-form";
import { Pager } from "@/components/pager";
import { Price } from "@/components/sats";
import { listModeratedArticles } from "@/lib/articles/moderation-queries";
import { currentUser } from "@/lib/auth/current-user";
import { listLateSettlements } from "@/lib/payments/late-settlements";
import { activePassOffer } from "@/lib/passes/pass-offer-queries";
import { decodeCursor } from "@/lib/pagination/keyset-cursor";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Moderation", robots: { index: false } };

type Props = { searchParams: Promise<{ before?: string | string[] }> };

export default async function AdminPage({ searchParams }: Props) {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/admin");
  // Not advertised to non-admins: the page does not exist for them.
  if (!user.isAdmin) notFound();
  const before = decodeCursor((await searchParams).before);
  const [{ items: articles, older }, lateSettlements, sitePass] = await Promise.all([listModeratedArticles(before), listLateSettlements(), activePassOffer(null)]);
  return (
    <div className="dashboard">
      <h1>Moderation</h1>
      <p>
        <Link href="/admin/l402">L402 sales and root keys</Link>
      </p>
      <h2>Site pass</h2>
      <PassOfferForm initial={sitePass} endpoint="/api/admin/pass-offer" label="Readers pay once to read every author's paid articles for some days." />
      <p className="muted">
        Published and removed articles of every author, newest first. Removing takes an article off the home page and stops its sales; readers who bought it keep reading it.
      </p>
      <table className="data-table" data-testid="moderation-list">
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Author</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Price</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {articles.map((article) => (
            <tr key={article.id} data-testid="moderated-article" data-article-id={article.id}>
              <td>
                <Link href={`/articles/${article.slug}`}>{article.title}</Link>
              </td>
              <td>{article.authorName}</td>
              <td>
                <StatusBadge status={article.status} />
              </td>
              <td className="num">
                <Price sats={article.priceSats} />
              </td>
              <td>
                {article.status === "visible" ? (
                  <ActionButton url={`/api/admin/articles/${article.id}/remove`} label="Remove" confirm={`Remove "${article.title}" from the site?`} testId="remove-article" />
                ) : (
                  <ActionButton url={`/api/admin/articles/${article.id}/restore`} label="Restore" testId="restore-article" />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager path="/admin" older={older} isFirstPage={!before} />
      {lateSettlements.length > 0 && (
        <>
          <h2>Paid after withdrawal</h2>
          <p className="muted">Settled after the article was removed or unpublished. The buyers were credited and can read it; refund them if you prefer.</p>
          <table className="data-table" data-testid="late-settlements">
            <thead>
              <tr>
                <th scope="col">Article</th>
                <th scope="col" className="num">Amount</th>
                <th scope="col">Settled</th>
                <th scope="col">Payment</th>
              </tr>
            </thead>
            <tbody>
              {lateSettlements.map((late) => (
                <tr key={late.paymentId} data-testid="late-settlement">
                  <td>
                    <Link href={`/articles/${late.articleSlug}`}>{late.articleTitle}</Link>
                  </td>
                  <td className="num">
                    <Price sats={late.amountSats} />
                  </td>
                  <td>{late.settledAt?.toISOString().replace("T", " ").slice(0, 16) ?? ""}</td>
                  <td>
                    <code>{late.paymentId}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
