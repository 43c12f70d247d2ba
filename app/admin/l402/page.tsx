import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ActionButton } from "@/components/action-button";
import { Pager } from "@/components/pager";
import { Price } from "@/components/sats";
import { currentUser } from "@/lib/auth/current-user";
import { L402_SALES } from "@/lib/l402/l402-access";
import { listL402Sales } from "@/lib/l402/l402-queries";
import { listRootKeys } from "@/lib/l402/root-key-queries";
import { decodeCursor } from "@/lib/pagination/keyset-cursor";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "L402", robots: { index: false } };

type Props = { searchParams: Promise<{ before?: string | string[] }> };

const when = (date: Date | null) => date?.toISOString().replace("T", " ").slice(0, 16) ?? "";

export default async function AdminL402Page({ searchParams }: Props) {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/admin/l402");
  if (!user.isAdmin) notFound();
  const before = decodeCursor((await searchParams).before);
  const [{ items: sales, older }, keys] = await Promise.all([listL402Sales(Object.values(L402_SALES), before), listRootKeys()]);
  return (
    <div className="dashboard">
      <h1>L402</h1>
      <p className="muted">
        Programs buy articles and files through <code>/api/v1/articles/&lt;slug&gt;</code> and <code>/api/v1/files/&lt;id&gt;</code> (HTTP 402 with a macaroon and an invoice). <Link href="/admin">Moderation</Link>
      </p>
      <h2>Sales</h2>
      <table className="data-table" data-testid="l402-sales">
        <thead>
          <tr>
            <th scope="col">Article or file</th>
            <th scope="col" className="num">Amount</th>
            <th scope="col">Paid</th>
          </tr>
        </thead>
        <tbody>
          {sales.map((sale) => (
            <tr key={sale.paymentId} data-testid="l402-sale">
              <td>
                {sale.articleSlug ? (
                  <Link href={`/articles/${sale.articleSlug}`}>{sale.articleTitle}</Link>
                ) : sale.fileId ? (
                  <Link href={`/files/${sale.fileId}`}>{sale.fileTitle ?? "(file)"}</Link>
                ) : (
                  "(deleted)"
                )}
              </td>
              <td className="num">
                <Price sats={sale.amountSats} />
              </td>
              <td>{when(sale.settledAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sales.length === 0 && <p className="muted">No L402 sales yet.</p>}
      <Pager path="/admin/l402" older={older} isFirstPage={!before} />
      <h2>Root keys</h2>
      <p className="muted">
        New tokens are signed with the current key. Rotating makes a new current key; tokens of older keys keep working until their key is revoked. Revoking refuses every token the key signed.
      </p>
      <ActionButton url="/api/admin/l402/root-keys" label="Rotate: new current key" testId="rotate-root-key" />
      <table className="data-table" data-testid="l402-root-keys">
        <thead>
          <tr>
            <th scope="col">Key id</th>
            <th scope="col">Created</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} data-testid="l402-root-key" data-key-id={key.id}>
              <td>
                <code>{key.id}</code>
              </td>
              <td>{when(key.createdAt)}</td>
              <td>{key.revokedAt ? `revoked ${when(key.revokedAt)}` : key.current ? "current" : "valid"}</td>
              <td>
                {!key.revokedAt && (
                  <ActionButton url={`/api/admin/l402/root-keys/${key.id}/revoke`} label="Revoke" confirm="Revoke this key? Every token it signed stops working." testId="revoke-root-key" />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {keys.length === 0 && <p className="muted">No key yet: the first is made with the first L402 challenge.</p>}
    </div>
  );
}
