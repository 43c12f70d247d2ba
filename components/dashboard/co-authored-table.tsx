import Link from "next/link";
import { StatusBadge } from "@/components/dashboard/status-badge";
import { satsOf } from "@/lib/ledger/msats";

type Row = { id: string; slug: string; title: string; status: string; leadName: string; percent: number; earnedMsats: bigint };

/** Articles others lead that the author co-wrote, with their share and what it earned them (ledger). */
export function CoAuthoredTable({ articles }: { articles: Row[] }) {
  return (
    <table className="data-table" data-testid="co-authored">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Lead author</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">Your share</th>
          <th scope="col" className="num">Sats earned</th>
        </tr>
      </thead>
      <tbody>
        {articles.map((row) => (
          <tr key={row.id} data-testid="co-authored-article" data-article-id={row.id}>
            <td>{row.status === "visible" ? <Link href={`/articles/${row.slug}`}>{row.title}</Link> : row.title}</td>
            <td>{row.leadName}</td>
            <td>
              <StatusBadge status={row.status} />
            </td>
            <td className="num">{row.percent}%</td>
            <td className="num" data-testid="co-authored-earned" data-msats={String(row.earnedMsats)}>
              {satsOf(row.earnedMsats)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
