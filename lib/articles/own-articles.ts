import "server-only";
import { db } from "@/lib/db/client";
import type { ArticleStatus } from "@/lib/articles/article-status";

// An author's own article for the editor. This is the one read outside getPaidBody that selects
// the body, and it is bound to the author in its WHERE clause: the text goes only to the person
// who wrote it. Someone else's id gives null, which the page turns into a 404.

export type EditableArticle = { id: string; slug: string; title: string; teaser: string; body: string; priceSats: number; status: ArticleStatus };

export async function findOwnArticle(authorId: string, articleId: string): Promise<EditableArticle | null> {
  const row = await db().article.findFirst({
    where: { id: articleId, authorId },
    select: { id: true, slug: true, title: true, teaser: true, body: true, priceSats: true, status: true },
  });
  return row ? { ...row, status: row.status as ArticleStatus } : null;
}
