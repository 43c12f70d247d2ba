import type { Nodes } from "hast";
import { fromHtml } from "hast-util-from-html";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { markdownToHtml } from "@/lib/markdown/markdown-html";
import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { PAYLOADS } from "@/test/support/markdown-payloads";

// The payment stream sends markdownToHtml's string where the page renders renderMarkdown's
// elements: parsed as a browser parses them, the two must give the same elements, attributes and
// text, the XSS payloads included. (The strings differ in how they escape, which a parser undoes,
// and react-dom adds <link rel=preload> hints for images, which are left out here.)
function parsed(html: string): unknown {
  const strip = (node: Nodes): unknown => {
    if (node.type === "text") return { text: node.value };
    if (node.type === "element") return { tag: node.tagName, props: node.properties, children: node.children.filter((child) => !(child.type === "element" && child.tagName === "link")).map(strip) };
    if (node.type === "root") return node.children.filter((child) => !(child.type === "element" && child.tagName === "link")).map(strip);
    return { other: node.type };
  };
  return strip(fromHtml(html, { fragment: true }));
}

const CONSTRUCTS = [
  "# Title\n\n## Section\n\nA paragraph with *emphasis*, **strong**, `code` and a [link](https://example.com \"title\").",
  "- one\n- two\n  - nested\n\n1. first\n2. second\n\n- [ ] task\n- [x] done",
  "> a quote\n>\n> on two lines",
  "```js\nconst a = 1 < 2 && \"x\";\n```\n\n    indented code",
  "| left | center | right |\n|:-----|:------:|------:|\n| a | b | c |",
  "~~struck~~ and www.example.com and https://auto.example/link?a=1&b=2",
  "![an image](https://example.com/a.png \"pic\") and ![relative](/img/b.png)",
  "Text with a footnote.[^1]\n\n[^1]: The note.",
  "Line one  \nline two\n\n---\n\nAfter a rule & < > \" ' entities &amp; &copy;",
  "[mail](mailto:a@example.com) [rel](../up) [hash](#top) [proto](HTTPS://EXAMPLE.COM)",
  "Ünïcödé, emoji 🎉, RTL مرحبا, zero\u200bwidth",
  "",
];

describe("markdownToHtml", () => {
  it.each([...CONSTRUCTS, ...PAYLOADS])("gives the same document as react-dom's markup of renderMarkdown for %j", (markdown) => {
    expect(parsed(markdownToHtml(markdown))).toEqual(parsed(renderToStaticMarkup(renderMarkdown(markdown))));
  });

  it("never lets script or event handlers through", () => {
    for (const payload of PAYLOADS) {
      const out = markdownToHtml(payload);
      expect(out).not.toMatch(/<(script|iframe|svg|style|object|embed|form|input|details)\b/i);
      expect(out).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
      expect(out).not.toMatch(/<[a-z][^>]*\s(href|src)="\s*(javascript|vbscript|data):/i);
    }
  });
});
