import Link from "next/link";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { Price } from "@/components/sats";
import { satsOf } from "@/lib/ledger/msats";

type Row = { id: string; slug: string; title: string; status: string; priceSats: number; views: number; sales: number; satsEarned: number; yourMsats: bigint };
type Totals = { articles: number; views: number; sales: number; satsEarned: number };

/**
 * One page of the author's articles; the footer's totals cover all of them, every page. "Sats
 * earned" is what readers paid for the article; "Your share" what the ledger credited to you.
 */
export function AuthorArticlesTable({ articles, totals }: { articles: Row[]; totals: Totals }) {
  return (
    <table className="data-table" data-testid="author-articles">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Price</th>
          <th scope="col" className="num">Views</th>
          <th scope="col" className="num">Sales</th>
          <th scope="col" className="num">Sats earned</th>
          <th scope="col" className="num">Your share</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {articles.map((row) => (
          <tr key={row.id} data-testid="author-article" data-article-id={row.id}>
            <td>{row.status === "draft" ? row.title : <Link href={`/articles/${row.slug}`}>{row.title}</Link>}</td>
            <td>
              <StatusBadge status={row.status} />
            </td>
            <td className="num">
              <Price sats={row.priceSats} />
            </td>
            <td className="num" data-testid="article-views">
              {row.views}
            </td>
            <td className="num" data-testid="article-sales">
              {row.sales}
            </td>
            <td className="num" data-testid="article-earned">
              {row.satsEarned.toLocaleString("en-US")}
            </td>
            <td className="num" data-testid="article-your-share" data-msats={String(row.yourMsats)}>
              {satsOf(row.yourMsats)}
            </td>
            <td>
              <Link href={`/dashboard/articles/${row.id}`} data-testid="edit-link">
                Edit
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr data-testid="author-totals">
          <th scope="row" colSpan={3}>
            Total ({totals.articles.toLocaleString("en-US")} {totals.articles === 1 ? "article" : "articles"})
          </th>
          <td className="num" data-testid="total-views">
            {totals.views}
          </td>
          <td className="num" data-testid="total-sales">
            {totals.sales}
          </td>
          <td className="num" data-testid="total-sats">
            {totals.satsEarned.toLocaleString("en-US")}
          </td>
          <td />
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
