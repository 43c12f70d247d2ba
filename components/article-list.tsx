import { ArticleCard } from "@/components/article-card";
import { Pager } from "@/components/pager";

type Page = { items: Array<Parameters<typeof ArticleCard>[0] & { id: string }>; older: string | null };

/** One page of article cards with its pager: the home page and every author page. */
export function ArticleList({ page, path, isFirstPage }: { page: Page; path: string; isFirstPage: boolean }) {
  return (
    <>
      {page.items.length === 0 ? (
        <p className="muted">{isFirstPage ? "Nothing published yet." : "No older articles."}</p>
      ) : (
        <div className="cards" data-testid="article-list">
          {page.items.map((article) => (
            <ArticleCard key={article.id} {...article} />
          ))}
        </div>
      )}
      <Pager path={path} older={page.older} isFirstPage={isFirstPage} />
    </>
  );
}
