import { ArticleCard } from "@/components/article-card";
import { listVisibleArticles } from "@/lib/articles/article-queries";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const articles = await listVisibleArticles();
  return (
    <>
      <h1>Articles</h1>
      {articles.length === 0 ? (
        <p className="muted">Nothing published yet.</p>
      ) : (
        <div className="cards" data-testid="article-list">
          {articles.map((article) => (
            <ArticleCard key={article.id} {...article} />
          ))}
        </div>
      )}
    </>
  );
}
