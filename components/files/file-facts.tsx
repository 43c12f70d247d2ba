import { typeLabel } from "@/lib/files/upload-types";

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "PDF · 1.2 MB": what a reader sees of a file before buying it. */
export function FileFacts({ mimeType, sizeBytes }: { mimeType: string; sizeBytes: number }) {
  return (
    <span className="file-facts" data-testid="file-facts">
      {typeLabel(mimeType)} · {formatBytes(sizeBytes)}
    </span>
  );
}

/** The holder's way to the file: the download route gives this browser its own link. */
export function DownloadLink({ fileId, title }: { fileId: string; title: string }) {
  return (
    <a className="button" href={`/files/${fileId}/download`} data-testid="file-download" aria-label={`Download ${title}`}>
      Download
    </a>
  );
}
