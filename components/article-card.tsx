import Link from "next/link";
import { Price } from "@/components/sats";

type Props = { slug: string; title: string; teaser: string; priceSats: number; authorId: string; authorName: string; views: number; publishedAt: Date | null };

export function ArticleCard({ slug, title, teaser, priceSats, authorId, authorName, views, publishedAt }: Props) {
  return (
    <article className="card">
      <h2>
        <Link href={`/articles/${slug}`}>{title}</Link>
      </h2>
      <p className="meta">
        <Link href={`/authors/${authorId}`} data-testid="author-link">
          {authorName}
        </Link>
        {publishedAt ? ` · ${publishedAt.toISOString().slice(0, 10)}` : ""} · <Price sats={priceSats} />
        {priceSats > 0 ? <span data-testid="article-readers">{` · ${views} ${views === 1 ? "reader" : "readers"}`}</span> : ""}
      </p>
      <p>{teaser}</p>
    </article>
  );
}
