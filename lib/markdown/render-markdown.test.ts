import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { PAYLOADS } from "@/test/support/markdown-payloads";


function html(markdown: string) {
  return renderToStaticMarkup(renderMarkdown(markdown));
}

describe("rendered article Markdown", () => {
  it.each(PAYLOADS)("neutralises %s", (payload) => {
    const out = html(payload);
    expect(out).not.toMatch(/<(script|iframe|svg|style|object|embed|form|input|details)\b/i);
    // Inside a real tag; escaped text such as "&lt;img onerror=...&gt;" is harmless.
    expect(out).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(out).not.toMatch(/(href|src)="\s*(javascript|vbscript|data):/i);
  });

  it("still renders ordinary Markdown, GFM tables and safe links", () => {
    const out = html("## Title\n\n**bold** [site](https://example.com) ![pic](/a.png)\n\n| a | b |\n| - | - |\n| 1 | 2 |");
    expect(out).toContain("<h2>Title</h2>");
    expect(out).toContain("<strong>bold</strong>");
    expect(out).toContain('<a href="https://example.com">site</a>');
    expect(out).toContain('<img src="/a.png" alt="pic"/>');
    expect(out).toContain("<table>");
  });
});

describe("the shared Markdown options", () => {
  it("stay the safe configuration: GFM only, no raw HTML plugin, the default URL filter", async () => {
    const { MARKDOWN_OPTIONS } = await import("@/lib/markdown/markdown-options");
    const { default: remarkGfm } = await import("remark-gfm");
    expect(MARKDOWN_OPTIONS.remarkPlugins).toEqual([remarkGfm]);
    expect(MARKDOWN_OPTIONS.rehypePlugins ?? []).toEqual([]);
    expect(MARKDOWN_OPTIONS.urlTransform).toBeUndefined();
    expect(Object.isFrozen(MARKDOWN_OPTIONS)).toBe(true);
  });
});
