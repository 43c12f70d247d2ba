import "server-only";
import { listAuthorArticles, listVisibleArticles } from "@/lib/articles/article-queries";
import { findAuthor } from "@/lib/articles/author-queries";
import { authorTag, cachedPage, LISTS_TAG } from "@/lib/cache/page-cache";
import type { Cursor } from "@/lib/pagination/keyset-cursor";
import { tipAddressOf } from "@/lib/tips/tip-address";

// The home page's and the author pages' lists, the same for everyone: read once per process and
// PAGE_CACHE_MS (lib/cache/page-cache.ts), dropped by any publish, unpublish, edit or removal,
// and by a settled payment for an article (views and upvotes are counted on them).

const cursorKey = (before: Cursor | null) => (before ? `${before.at.toISOString()}/${before.id}` : "first");

export function cachedVisibleArticles(before: Cursor | null) {
  return cachedPage(`home:${cursorKey(before)}`, () => listVisibleArticles(before), () => [LISTS_TAG]);
}

/** An author page: the author (null: no such author), their tip address and one page of their articles. */
export function cachedAuthorPage(authorId: string, before: Cursor | null, origin: string) {
  return cachedPage(
    `author:${origin}:${authorId}:${cursorKey(before)}`,
    async () => {
      const author = await findAuthor(authorId);
      if (!author) return null;
      const [page, tip] = await Promise.all([listAuthorArticles(author.id, before), tipAddressOf(author.id, origin)]);
      return { author, page, tip };
    },
    (found) => (found ? [LISTS_TAG, authorTag(authorId)] : null),
  );
}
