import { NotifyBuyersButton } from "@/components/files/notify-buyers-button";
import { Pager } from "@/components/pager";
import type { AuthorFile } from "@/lib/files/author-file-queries";

/** The dashboard's files on offer, each with its "Mail buyers about an update" button. */
export function AuthorFilesSection({ files, older, isFirstPage }: { files: AuthorFile[]; older: string | null; isFirstPage: boolean }) {
  if (files.length === 0 && isFirstPage) return null;
  return (
    <section aria-labelledby="author-files-heading" data-testid="author-files">
      <h2 id="author-files-heading">Tell buyers about an update</h2>
      <p className="muted">After you replace a file, mail its buyers a fresh download link (once per buyer and version).</p>
      <ul className="library">
        {files.map((file) => (
          <li key={file.id} data-file-id={file.id}>
            {file.title} <span className="muted">({file.fileName}, version {file.version}{file.articleTitle ? `, with "${file.articleTitle}"` : ""})</span>{" "}
            <NotifyBuyersButton url={`/api/files/${file.id}/notify-buyers`} testId={`notify-${file.id}`} />
          </li>
        ))}
      </ul>
      <Pager path="/dashboard" older={older} isFirstPage={isFirstPage} param="files" />
    </section>
  );
}
