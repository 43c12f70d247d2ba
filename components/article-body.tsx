import Markdown from "react-markdown";
import remarkGfm from "remark-gfm";

// react-markdown never renders raw HTML and drops javascript: URLs, so author Markdown cannot
// inject scripts.
export function ArticleBody({ markdown }: { markdown: string }) {
  return (
    <div className="article-body" data-testid="article-body">
      <Markdown remarkPlugins={[remarkGfm]}>{markdown}</Markdown>
    </div>
  );
}
