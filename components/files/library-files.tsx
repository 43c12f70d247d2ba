import { Pager } from "@/components/pager";
import { safeDownloadName } from "@/lib/files/download-file-name";
import type { LibraryFileGroup } from "@/lib/buyers/library-file-queries";

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** The library's files: each purchase's files with the downloads left and a Download link. */
export function LibraryFiles({ groups, older, isFirstPage }: { groups: LibraryFileGroup[]; older: string | null; isFirstPage: boolean }) {
  if (groups.length === 0 && isFirstPage) return null;
  return (
    <section aria-labelledby="files-heading" data-testid="library-files">
      <h2 id="files-heading">Your files</h2>
      {groups.length === 0 ? (
        <p>No older files.</p>
      ) : (
        <ul className="library">
          {groups.map((group) => (
            <li key={group.entitlementId}>
              <strong>{group.title}</strong>
              {group.boughtAt && <span className="muted"> · bought {group.boughtAt.toISOString().slice(0, 10)}</span>}
              <ul>
                {group.files.map((file) => (
                  <li key={file.fileId} data-file-id={file.fileId}>
                    {file.title} <span className="muted">{`(${safeDownloadName(file.fileName)}, ${sizeText(file.sizeBytes)})`}</span> ·{" "}
                    {file.expired ? (
                      <span data-testid="downloads-left">link expired</span>
                    ) : file.usesLeft > 0 ? (
                      <>
                        <span data-testid="downloads-left">
                          {`${file.usesLeft} download${file.usesLeft === 1 ? "" : "s"} left${file.expiresAt ? ` until ${file.expiresAt.toISOString().slice(0, 10)}` : ""}`}
                        </span>{" "}
                        · <a href={`/files/${file.fileId}/download`}>Download</a>
                      </>
                    ) : (
                      <span data-testid="downloads-left">no downloads left</span>
                    )}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <Pager path="/library" older={older} isFirstPage={isFirstPage} param="files" />
    </section>
  );
}
