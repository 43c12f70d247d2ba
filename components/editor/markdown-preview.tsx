"use client";

import { useDeferredValue, type MouseEvent } from "react";
import Markdown from "react-markdown";
import { MARKDOWN_OPTIONS } from "@/lib/markdown/markdown-options";

/**
 * The body as readers will see it: the same react-markdown options as the article page
 * (lib/markdown/markdown-options.ts), so no raw HTML and no javascript: links here either.
 * Deferred so typing stays smooth on long articles.
 */
export function MarkdownPreview({ markdown }: { markdown: string }) {
  const deferred = useDeferredValue(markdown);
  // A link clicked in the preview would leave the editor and lose unsaved text (a link whose
  // unsafe URL was dropped points at this very page and reloads it), so links stay inert here.
  const keepEditing = (event: MouseEvent<HTMLDivElement>) => {
    if ((event.target as Element).closest("a")) event.preventDefault();
  };
  return (
    <div className="article-body editor-preview" data-testid="editor-preview" role="region" aria-label="Preview" onClickCapture={keepEditing}>
      {deferred.trim() === "" ? <p className="muted">The preview appears here as you write.</p> : <Markdown {...MARKDOWN_OPTIONS}>{deferred}</Markdown>}
    </div>
  );
}
