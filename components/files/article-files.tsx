import { DownloadLink, FileFacts } from "@/components/files/file-facts";

type File = { id: string; title: string; mimeType: string; sizeBytes: number };

/**
 * The files that come with an article, on its page: a Download link for readers who may read it
 * (free, bought, or a pass), else only what they are, "included with this article".
 */
export function ArticleFiles({ files, held }: { files: File[]; held: boolean }) {
  if (files.length === 0) return null;
  return (
    <section className="article-files" aria-labelledby="article-files-title" data-testid="article-files">
      <h2 id="article-files-title">Files</h2>
      <ul>
        {files.map((file) => (
          <li key={file.id} data-testid="article-file">
            <span className="file-title">{file.title}</span> <FileFacts mimeType={file.mimeType} sizeBytes={file.sizeBytes} />{" "}
            {held ? <DownloadLink fileId={file.id} title={file.title} /> : <span className="muted">included with this article</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
