import "server-only";
import { TaggedCache } from "@/lib/cache/tagged-cache";
import { getEnv } from "@/lib/env";
import { eventBus } from "@/lib/events/event-bus";

// The public parts of the article, home and author pages, cached per process (see
// lib/articles/article-shell.ts for what goes in). A write that changes them calls
// invalidatePages(): this process drops the entries at once, and the tags go out on the event bus
// (PostgreSQL LISTEN/NOTIFY across instances), so every other instance drops them too. Nothing
// reader-specific and no paid body is ever stored here.

export const PAGE_CACHE_TOPIC = "page-cache";
/** Every list of articles (home, author pages): any publish, unpublish, edit or removal. */
export const LISTS_TAG = "lists";
export const articleTag = (articleId: string) => `article:${articleId}`;
/** An author page's own parts (name, tip address). */
export const authorTag = (userId: string) => `author:${userId}`;
/** Every article shell that lists pass offers: an author's or the site's pass changed. */
export const PASS_OFFERS_TAG = "pass-offers";
/** An article's page and every list it may be on: what an edit, publish or removal changes. */
export const articleTags = (articleId: string) => [articleTag(articleId), LISTS_TAG];
const CLEAR = "*";
const MAX_ENTRIES = 2000;

type Store = { cache: TaggedCache<unknown>; listening: boolean };
// On globalThis: Next.js may load this module once per route bundle, and a route handler's
// invalidation must reach the pages' copy.
const globalForPages = globalThis as unknown as { __pageCache?: Store };

function store(): Store {
  globalForPages.__pageCache ??= { cache: new TaggedCache<unknown>(MAX_ENTRIES, getEnv().PAGE_CACHE_MS), listening: false };
  const current = globalForPages.__pageCache;
  if (!current.listening) {
    current.listening = true;
    eventBus().subscribe(PAGE_CACHE_TOPIC, (message) => dropLocally(message === CLEAR ? null : (JSON.parse(message) as string[])));
  }
  return current;
}

/**
 * The cached value under `key`, loaded on a miss and tagged by `tagsOf` (null: not stored, e.g.
 * not found). PAGE_CACHE_MS=0 turns caching off.
 */
export function cachedPage<V>(key: string, load: () => Promise<V>, tagsOf: (value: V) => readonly string[] | null): Promise<V> {
  if (getEnv().PAGE_CACHE_MS === 0) return load();
  return store().cache.get(key, load, tagsOf as (value: unknown) => readonly string[] | null) as Promise<V>;
}

/** After a committed write: drops the entries built from `tags` here and on every instance. */
export function invalidatePages(tags: readonly string[]) {
  dropLocally(tags);
  eventBus().publish(PAGE_CACHE_TOPIC, JSON.stringify(tags));
}

/** After a change too wide to tag (an author renamed: every byline and list may show them). */
export function clearPages() {
  dropLocally(null);
  eventBus().publish(PAGE_CACHE_TOPIC, CLEAR);
}

function dropLocally(tags: readonly string[] | null) {
  const cache = globalForPages.__pageCache?.cache;
  cache?.invalidate(tags);
}
