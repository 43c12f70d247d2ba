import "server-only";
import { createHash } from "node:crypto";
import type { ReactElement } from "react";
import Markdown from "react-markdown";
import { Lru } from "@/lib/cache/lru";
import { MARKDOWN_OPTIONS } from "@/lib/markdown/markdown-options";

// Markdown to React elements with react-markdown, configured in markdown-options.ts (shared
// with the editor preview): raw HTML is never rendered and javascript: URLs are dropped.
// Parsing is the costliest part of an article page, and an article's text changes rarely, so
// the element tree is kept per content hash. Callers pass only text the reader may see (the
// access check happens before).
const rendered = new Lru<ReactElement>(500);

export function renderMarkdown(markdown: string): ReactElement {
  const key = createHash("sha256").update(markdown).digest("base64url");
  const hit = rendered.get(key);
  if (hit) return hit;
  // Markdown is a plain synchronous function component without hooks, so calling it directly
  // yields the rendered tree, which can be reused across requests.
  const element = Markdown({ ...MARKDOWN_OPTIONS, children: markdown });
  rendered.set(key, element);
  return element;
}
