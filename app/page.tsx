import { ArticleCard } from "@/components/article-card";
import { Pager } from "@/components/pager";
import { listVisibleArticles } from "@/lib/articles/article-queries";
import { decodeCursor } from "@/lib/pagination/keyset-cursor";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ before?: string | string[] }> };

export default async function HomePage({ searchParams }: Props) {
  // A malformed cursor is not an error: it shows the first page.
  const before = decodeCursor((await searchParams).before);
  const page = await listVisibleArticles(before);
  return (
    <>
      <h1>Articles</h1>
      {page.items.length === 0 ? (
        <p className="muted">{before ? "No older articles." : "Nothing published yet."}</p>
      ) : (
        <div className="cards" data-testid="article-list">
          {page.items.map((article) => (
            <ArticleCard key={article.id} {...article} />
          ))}
        </div>
      )}
      <Pager path="/" older={page.older} isFirstPage={!before} />
    </>
  );
}
