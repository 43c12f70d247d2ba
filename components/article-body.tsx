import { FocusAfterRefresh } from "@/components/focus-after-refresh";
import { renderMarkdown } from "@/lib/markdown/render-markdown";

// tabIndex -1: the paywall moves focus here when it unlocks the article (not in the tab order).
export function ArticleBody({ markdown }: { markdown: string }) {
  return (
    <div className="article-body" data-testid="article-body" tabIndex={-1}>
      {renderMarkdown(markdown)}
      <FocusAfterRefresh />
    </div>
  );
}
