"use client";

import { useId, useRef, useState } from "react";
import { uploadFile } from "@/components/editor/editor-api";

export type UploadedFile = { id: string; title: string; fileName: string; mimeType: string; sizeBytes: number; status: string; priceSats: number | null; version: number };

type Props = {
  label: string;
  buttonLabel: string;
  /** The upload route for the chosen file (its name goes in the query); null: not ready (say why in `blocked`). */
  urlFor: (file: File) => string | null;
  method?: "POST" | "PUT";
  blocked?: string;
  testId: string;
  /** MAX_UPLOAD_MB: a larger file is refused here at once (the server refuses it too, but a browser may only see the connection close). */
  maxUploadMb: number;
  onUploaded: (file: UploadedFile) => void;
};

const ACCEPT = ".pdf,.epub,.zip,.mp3,.m4a,.ogg,.opus,.flac,.wav,.png,.jpg,.jpeg,.webp,.gif";

/**
 * Choose a file and send it, with a progress bar (a labelled <progress>) and a status line read
 * out by screen readers (aria-live). The server checks the type from the bytes; this `accept`
 * only narrows the picker.
 */
export function FileUploadField({ label, buttonLabel, urlFor, method = "POST", blocked, testId, maxUploadMb, onUploaded }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean }>({ text: "", error: false });

  const send = async () => {
    const file = input.current?.files?.[0];
    if (!file) return setStatus({ text: "Choose a file first.", error: true });
    if (file.size === 0) return setStatus({ text: "This file is empty.", error: true });
    if (file.size > maxUploadMb * 1024 * 1024) return setStatus({ text: `This file is larger than ${maxUploadMb} MB, the largest upload this site takes.`, error: true });
    const url = urlFor(file);
    if (!url) return setStatus({ text: blocked ?? "Fill in the fields above first.", error: true });
    setProgress(0);
    setStatus({ text: `Uploading ${file.name}…`, error: false });
    const result = await uploadFile<{ file: UploadedFile }>(url, method, file, setProgress);
    setProgress(null);
    if (!result.ok) return setStatus({ text: result.error.message, error: true });
    setStatus({ text: `Uploaded ${result.value.file.fileName}.`, error: false });
    if (input.current) input.current.value = "";
    onUploaded(result.value.file);
  };

  return (
    <div className="file-upload" data-testid={testId}>
      <label className="field" htmlFor={`${id}-file`}>
        <span>{label}</span>
      </label>
      <input id={`${id}-file`} ref={input} type="file" accept={ACCEPT} data-testid={`${testId}-input`} />
      <button type="button" className="button secondary" onClick={send} disabled={progress !== null} data-testid={`${testId}-send`}>
        {buttonLabel}
      </button>
      {progress !== null && (
        <>
          <label htmlFor={`${id}-progress`} className="muted">
            Upload progress
          </label>{" "}
          <progress id={`${id}-progress`} max={1} value={progress} data-testid={`${testId}-progress`}>
            {Math.round(progress * 100)}%
          </progress>
        </>
      )}
      <p className={status.error ? "field-error" : "muted"} role="status" aria-live="polite" data-testid={`${testId}-status`} data-error={status.error}>
        {status.text}
      </p>
    </div>
  );
}
