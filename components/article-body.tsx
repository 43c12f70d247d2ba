import { renderMarkdown } from "@/lib/markdown/render-markdown";

export function ArticleBody({ markdown }: { markdown: string }) {
  return (
    <div className="article-body" data-testid="article-body">
      {renderMarkdown(markdown)}
    </div>
  );
}
