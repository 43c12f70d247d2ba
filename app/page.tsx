import { ArticleList } from "@/components/article-list";
import { cachedVisibleArticles } from "@/lib/articles/cached-lists";
import { decodeCursor } from "@/lib/pagination/keyset-cursor";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ before?: string | string[] }> };

export default async function HomePage({ searchParams }: Props) {
  // A malformed cursor is not an error: it shows the first page.
  const before = decodeCursor((await searchParams).before);
  const page = await cachedVisibleArticles(before);
  return (
    <>
      <h1>Articles</h1>
      <ArticleList page={page} path="/" isFirstPage={!before} />
    </>
  );
}
