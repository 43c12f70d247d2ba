import type { Options } from "react-markdown";
import remarkGfm from "remark-gfm";

// The one react-markdown configuration, shared by the article page (render-markdown.ts, on the
// server) and the editor's live preview (in the browser), so the preview shows exactly what
// readers will get. Plain config without "server-only" for that reason.
//
// Safety rests on what is NOT here: no rehype-raw (HTML in the Markdown stays text), no
// allowDangerousHtml, and no urlTransform override (the default drops javascript:, vbscript:
// and data: URLs). lib/markdown/render-markdown.test.ts checks the result against XSS payloads.
export const MARKDOWN_OPTIONS: Readonly<Omit<Options, "children">> = Object.freeze({
  remarkPlugins: [remarkGfm],
});
