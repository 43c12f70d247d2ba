import "server-only";
import { createHash } from "node:crypto";
import type { ReactElement } from "react";
import Markdown from "react-markdown";
import { Lru } from "@/lib/cache/lru";
import { getEnv } from "@/lib/env";
import { estimateElementBytes } from "@/lib/markdown/element-bytes";
import { MARKDOWN_OPTIONS } from "@/lib/markdown/markdown-options";

// Markdown to React elements with react-markdown, configured in markdown-options.ts (shared
// with the editor preview): raw HTML is never rendered and javascript: URLs are dropped.
// Parsing is the costliest part of an article page, and an article's text changes rarely, so
// the element tree is kept per content hash. Callers pass only text the reader may see (the
// access check happens before). The cache is bounded by entries and by the estimated bytes of
// its trees (MARKDOWN_CACHE_MB): 500 long articles would otherwise hold gigabytes.
const MAX_ENTRIES = 500;
let rendered: Lru<ReactElement> | undefined;

function cache() {
  rendered ??= new Lru<ReactElement>(MAX_ENTRIES, { maxWeight: getEnv().MARKDOWN_CACHE_MB * 1024 * 1024, weigh: estimateElementBytes });
  return rendered;
}

export function renderMarkdown(markdown: string): ReactElement {
  const key = createHash("sha256").update(markdown).digest("base64url");
  const hit = cache().get(key);
  if (hit) return hit;
  // Markdown is a plain synchronous function component without hooks, so calling it directly
  // yields the rendered tree, which can be reused across requests.
  const element = Markdown({ ...MARKDOWN_OPTIONS, children: markdown });
  cache().set(key, element);
  return element;
}

/** Estimated bytes held by the render cache (tests and diagnostics). */
export function markdownCacheBytes(): number {
  return cache().weight;
}

/** Tests change MARKDOWN_CACHE_MB between cases. */
export function resetMarkdownCacheForTests() {
  rendered = undefined;
}
