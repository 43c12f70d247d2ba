import Link from "next/link";
import { Byline } from "@/components/byline";
import { formatSats, Price } from "@/components/sats";

type Props = {
  slug: string;
  title: string;
  teaser: string;
  priceSats: number;
  authors: Array<{ id: string; name: string }>;
  views: number;
  upvotes: number;
  upvoteSats: number;
  publishedAt: Date | null;
};

export function ArticleCard({ slug, title, teaser, priceSats, authors, views, upvotes, upvoteSats, publishedAt }: Props) {
  return (
    <article className="card">
      <h2>
        <Link href={`/articles/${slug}`}>{title}</Link>
      </h2>
      <p className="meta">
        <Byline authors={authors} />
        {publishedAt ? ` · ${publishedAt.toISOString().slice(0, 10)}` : ""} · <Price sats={priceSats} />
        {priceSats > 0 ? <span data-testid="article-readers">{` · ${views} ${views === 1 ? "reader" : "readers"}`}</span> : ""}
        <span data-testid="article-upvotes" data-upvotes={upvotes} data-upvote-sats={upvoteSats}>{` · ${upvotes} ${upvotes === 1 ? "upvote" : "upvotes"} (${formatSats(upvoteSats)})`}</span>
      </p>
      <p>{teaser}</p>
    </article>
  );
}
