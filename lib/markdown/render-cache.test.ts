import { describe, expect, it } from "vitest";

// The render cache holds element trees; its budget is MARKDOWN_CACHE_MB of estimated bytes, read
// on first use (this file runs in its own process, so setting it here takes effect).
process.env.MARKDOWN_CACHE_MB = "1";
const { renderMarkdown, markdownCacheBytes } = await import("@/lib/markdown/render-markdown");

// About 100 KB of text: over 200 KB of element tree, so only four fit in 1 MB.
const article = (n: number) => Array.from({ length: 10 }, (_, i) => `Article ${n}, part ${i}: ${"lorem ipsum dolor sit amet ".repeat(370)}`).join("\n\n");

describe("the Markdown render cache", () => {
  it("reuses a rendered tree for the same text", () => {
    const first = renderMarkdown("# Hello\n\nSame text, same tree.");
    expect(renderMarkdown("# Hello\n\nSame text, same tree.")).toBe(first);
  });

  it("evicts by estimated bytes long before its 500-entry cap", () => {
    const oldest = renderMarkdown(article(0));
    expect(renderMarkdown(article(0))).toBe(oldest);
    for (let n = 1; n <= 6; n++) renderMarkdown(article(n));
    const newest = renderMarkdown(article(6));
    // Six large articles later the first was evicted (a new tree is built) while the newest
    // is still served from the cache.
    expect(renderMarkdown(article(0))).not.toBe(oldest);
    expect(renderMarkdown(article(6))).toBe(newest);
    expect(markdownCacheBytes()).toBeGreaterThan(200 * 1024);
    expect(markdownCacheBytes()).toBeLessThanOrEqual(1024 * 1024);
  });
});
