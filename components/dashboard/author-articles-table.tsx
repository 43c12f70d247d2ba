import Link from "next/link";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { Price } from "@/components/sats";

type Row = { id: string; slug: string; title: string; status: string; priceSats: number; views: number; sales: number; satsEarned: number };

export function AuthorArticlesTable({ articles }: { articles: Row[] }) {
  const totals = articles.reduce((sum, row) => ({ views: sum.views + row.views, sales: sum.sales + row.sales, sats: sum.sats + row.satsEarned }), { views: 0, sales: 0, sats: 0 });
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
            Total ({articles.length} {articles.length === 1 ? "article" : "articles"})
          </th>
          <td className="num" data-testid="total-views">
            {totals.views}
          </td>
          <td className="num" data-testid="total-sales">
            {totals.sales}
          </td>
          <td className="num" data-testid="total-sats">
            {totals.sats.toLocaleString("en-US")}
          </td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
