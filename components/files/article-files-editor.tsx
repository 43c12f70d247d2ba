"use client";

import { useState } from "react";
import { callApi } from "@/components/editor/editor-api";
import { formatBytes } from "@/components/files/file-facts";
import { FileUploadField, type UploadedFile } from "@/components/files/file-upload-field";

type Props = { articleId: string; initial: UploadedFile[]; disabled: boolean; maxUploadMb: number };

/** In the article editor: the files sold with the article (upload, list, remove). */
export function ArticleFilesEditor({ articleId, initial, disabled, maxUploadMb }: Props) {
  const [files, setFiles] = useState(initial);
  const [error, setError] = useState("");

  const remove = async (file: UploadedFile) => {
    setError("");
    const result = await callApi<{ file: UploadedFile }>(`/api/files/${file.id}`, "DELETE");
    if (!result.ok) return setError(result.error.message);
    setFiles((current) => current.filter((one) => one.id !== file.id));
  };

  return (
    <section className="article-files-editor" aria-labelledby="article-files-editor-title" data-testid="article-files-editor">
      <h2 id="article-files-editor-title">Files</h2>
      <p className="muted">
        Sold with the article: whoever may read it may download them. PDF, EPUB, ZIP, audio or images, up to {maxUploadMb} MB each.
      </p>
      {files.length > 0 && (
        <ul data-testid="article-files-list">
          {files.map((file) => (
            <li key={file.id} data-testid="article-files-item">
              {file.title} <span className="muted">({file.fileName}, {formatBytes(file.sizeBytes)})</span>{" "}
              <button type="button" className="button secondary" disabled={disabled} onClick={() => remove(file)} aria-label={`Remove ${file.title}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!disabled && (
        <FileUploadField
          label="Add a file"
          buttonLabel="Upload"
          testId="article-file-upload"
          maxUploadMb={maxUploadMb}
          urlFor={(file) => `/api/uploads?${new URLSearchParams({ name: file.name, articleId })}`}
          onUploaded={(file) => setFiles((current) => [...current, file])}
        />
      )}
    </section>
  );
}
