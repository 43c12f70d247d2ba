import "server-only";
import { db } from "@/lib/db/client";

export type BylineAuthor = { id: string; name: string };

/**
 * The authors of each article that has co-authors, lead first (ArticleAuthor by position); an
 * article without rows is by its author alone and is not in the map. One query for a whole page.
 */
export async function coAuthorBylines(articleIds: string[]): Promise<Map<string, BylineAuthor[]>> {
  const bylines = new Map<string, BylineAuthor[]>();
  if (articleIds.length === 0) return bylines;
  const rows = await db().articleAuthor.findMany({
    where: { articleId: { in: articleIds } },
    orderBy: [{ articleId: "asc" }, { position: "asc" }],
    select: { articleId: true, userId: true, user: { select: { profile: { select: { displayName: true } } } } },
  });
  for (const row of rows) {
    const list = bylines.get(row.articleId) ?? [];
    list.push({ id: row.userId, name: row.user.profile?.displayName ?? "Anonymous" });
    bylines.set(row.articleId, list);
  }
  return bylines;
}

/** The article's authors for its byline: its co-authors, or the author alone. */
export function bylineOf(bylines: Map<string, BylineAuthor[]>, article: { id: string; authorId: string; authorName: string }): BylineAuthor[] {
  return bylines.get(article.id) ?? [{ id: article.authorId, name: article.authorName }];
}
