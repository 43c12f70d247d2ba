import "server-only";
import { createHash } from "node:crypto";
import type { Element, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { urlAttributes } from "html-url-attributes";
import { defaultUrlTransform } from "react-markdown";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { Lru } from "@/lib/cache/lru";
import { MARKDOWN_OPTIONS } from "@/lib/markdown/markdown-options";

// The article body as an HTML string, for the one place React cannot render it: the payment
// stream (a route handler, where react-dom/server is not available), which sends the body with
// "complete" so the paywall shows it without another round trip. It is react-markdown's own
// pipeline step for step (remark-parse, MARKDOWN_OPTIONS' plugins, remark-rehype keeping raw
// HTML as nodes, then raw HTML turned into text and every URL attribute through react-markdown's
// defaultUrlTransform), serialized by hast-util-to-html instead of turned into React elements.
// markdown-html.test.ts checks it gives exactly react-dom's markup of renderMarkdown() for the
// XSS payloads and every construct the editor offers.
const processor = unified()
  .use(remarkParse)
  .use(MARKDOWN_OPTIONS.remarkPlugins ?? [])
  .use(remarkRehype, { allowDangerousHtml: true });

// What hast-util-to-jsx-runtime does on the way to React, so the markup is the same: no
// whitespace text inside table structure, a cell's align as a style, data-* flags as "true".
const TABLE_PARTS = new Set(["table", "thead", "tbody", "tfoot", "tr"]);
function reactLike(node: Element) {
  if (TABLE_PARTS.has(node.tagName)) node.children = node.children.filter((child) => !(child.type === "text" && child.value.trim() === ""));
  if ((node.tagName === "td" || node.tagName === "th") && typeof node.properties.align === "string") {
    node.properties.style = `text-align:${node.properties.align}`;
    delete node.properties.align;
  }
  for (const [name, value] of Object.entries(node.properties)) {
    if (name.startsWith("data") && value === true) node.properties[name] = "true";
  }
}

const MAX_ENTRIES = 200;
const cache = new Lru<string>(MAX_ENTRIES);

export function markdownToHtml(markdown: string): string {
  const key = createHash("sha256").update(markdown).digest("base64url");
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const tree = processor.runSync(processor.parse(markdown)) as Root;
  visit(tree, (node, index, parent) => {
    if (node.type === "raw" && parent && typeof index === "number") {
      // As react-markdown: HTML written in the Markdown is shown as text, never interpreted.
      parent.children[index] = { type: "text", value: node.value };
      return index;
    }
    if (node.type === "element") {
      reactLike(node);
      for (const [name, tags] of Object.entries(urlAttributes)) {
        if (Object.hasOwn(node.properties, name) && (tags === null || tags.includes(node.tagName))) {
          const url = defaultUrlTransform(String(node.properties[name] ?? ""));
          // React leaves out an empty src (it would fetch the page again): so does this.
          if (url === "" && name === "src") delete node.properties[name];
          else node.properties[name] = url;
        }
      }
    }
  });
  const html = toHtml(tree);
  cache.set(key, html);
  return html;
}
