"use client";

import { useState } from "react";
import { callApi } from "@/components/editor/editor-api";
import { formatBytes } from "@/components/files/file-facts";
import { FileUploadField, type UploadedFile } from "@/components/files/file-upload-field";

type Props = { initial: UploadedFile[]; maxPriceSats: number; maxUploadMb: number };

/** Dashboard, "Files sold alone": create one (title, price, upload), publish, unpublish, replace, remove. */
export function SoldFilesManager({ initial, maxPriceSats, maxUploadMb }: Props) {
  const [files, setFiles] = useState(initial);
  const [title, setTitle] = useState("");
  const [price, setPrice] = useState("");
  const [error, setError] = useState("");
  const put = (file: UploadedFile) => setFiles((current) => (current.some((one) => one.id === file.id) ? current.map((one) => (one.id === file.id ? file : one)) : [file, ...current]));

  const change = async (file: UploadedFile, fields: { status: string }) => {
    setError("");
    const result = await callApi<{ file: UploadedFile }>(`/api/files/${file.id}`, "PATCH", fields);
    if (!result.ok) return setError(result.error.message);
    put(result.value.file);
  };

  const newFileUrl = (file: File) => {
    if (title.trim() === "" || price.trim() === "") return null;
    return `/api/uploads?${new URLSearchParams({ name: file.name, title, priceSats: price.trim() })}`;
  };

  return (
    <section className="sold-files" aria-labelledby="sold-files-title" data-testid="sold-files">
      <h2 id="sold-files-title">Files sold alone</h2>
      <p className="muted">A file with its own page and price (0 = free). PDF, EPUB, ZIP, audio or images, up to {maxUploadMb} MB. New files stay drafts until you publish them.</p>
      <div className="row">
        <label className="field">
          <span>Title</span>
          <input value={title} onChange={(event) => setTitle(event.target.value)} maxLength={200} data-testid="sold-file-title" />
        </label>
        <label className="field">
          <span>Price in sats (0 = free)</span>
          <input type="number" min={0} max={maxPriceSats} step={1} inputMode="numeric" value={price} onChange={(event) => setPrice(event.target.value)} data-testid="sold-file-price" />
        </label>
      </div>
      <FileUploadField label="File" buttonLabel="Upload and save as draft" testId="sold-file-upload" maxUploadMb={maxUploadMb} blocked="Give the file a title and a price first." urlFor={newFileUrl} onUploaded={(file) => (put(file), setTitle(""), setPrice(""))} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {files.length > 0 && (
        <table className="data-table" data-testid="sold-files-table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">State</th>
              <th scope="col" className="num">Price</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={file.id} data-testid="sold-file-row" data-file-id={file.id}>
                <td>
                  <a href={`/files/${file.id}`}>{file.title}</a>
                  <br />
                  <small className="muted">
                    {file.fileName}, {formatBytes(file.sizeBytes)}, version {file.version}
                  </small>
                </td>
                <td data-testid="sold-file-status">{file.status === "visible" ? "published" : file.status}</td>
                <td className="num">{file.priceSats ?? 0}</td>
                <td>
                  {file.status !== "removed" && (
                    <>
                      <button type="button" className="button secondary" onClick={() => change(file, { status: file.status === "visible" ? "draft" : "visible" })} data-testid="sold-file-toggle">
                        {file.status === "visible" ? "Unpublish" : "Publish"}
                      </button>{" "}
                      <button type="button" className="button secondary" onClick={() => change(file, { status: "removed" })} aria-label={`Remove ${file.title}`}>
                        Remove
                      </button>
                      <FileUploadField label={`Replace ${file.title}`} buttonLabel="Replace" method="PUT" testId="sold-file-replace" maxUploadMb={maxUploadMb} urlFor={(chosen) => `/api/uploads/${file.id}?${new URLSearchParams({ name: chosen.name })}`} onUploaded={put} />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
