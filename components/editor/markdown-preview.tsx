"use client";

import { useDeferredValue } from "react";
import Markdown from "react-markdown";
import { MARKDOWN_OPTIONS } from "@/lib/markdown/markdown-options";

/**
 * The body as readers will see it: the same react-markdown options as the article page
 * (lib/markdown/markdown-options.ts), so no raw HTML and no javascript: links here either.
 * Deferred so typing stays smooth on long articles.
 */
export function MarkdownPreview({ markdown }: { markdown: string }) {
  const deferred = useDeferredValue(markdown);
  return (
    <div className="article-body editor-preview" data-testid="editor-preview" aria-label="Preview">
      {deferred.trim() === "" ? <p className="muted">The preview appears here as you write.</p> : <Markdown {...MARKDOWN_OPTIONS}>{deferred}</Markdown>}
    </div>
  );
}
