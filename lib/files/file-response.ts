import "server-only";
import { Readable } from "node:stream";
import { AppError } from "@/lib/errors";
import { decideRange } from "@/lib/files/byte-range";
import { attachmentHeader } from "@/lib/files/download-file-name";
import { fileStorage } from "@/lib/files/file-storage";
import { DECLARED_LENGTH_HEADER } from "@/lib/http/declared-length";

export type DownloadableFile = { storageKey: string; fileName: string; mimeType: string; sha256: string };

export const fileGone = () => new AppError(410, "This file is no longer available", "file_removed");

/**
 * The response for one download: the file, or the byte range asked for, streamed from storage
 * with back-pressure (never read whole into memory; a client that stops reading stops the disk
 * reads, one that goes away closes the file). `count(start)` runs before any byte is sent and
 * throws (a 410) when the download is not allowed; an unsatisfiable range counts nothing. HEAD
 * gets the same status and headers without a body. The storage key never leaves the server.
 */
export async function fileResponse(file: DownloadableFile, request: Request, options: { head: boolean; count: (start: number) => Promise<void> }): Promise<Response> {
  const size = await fileStorage().size(file.storageKey);
  if (size === null) throw fileGone();
  const etag = `"${file.sha256}"`;
  // If-Range: a resume of another version of the file gets the whole new one.
  const ifRange = request.headers.get("if-range");
  const range = decideRange(ifRange !== null && ifRange !== etag ? null : request.headers.get("range"), size);
  const headers = new Headers({
    "Accept-Ranges": "bytes",
    // no-transform: the server's gzip would change the length and break byte ranges.
    "Cache-Control": "private, no-store, no-transform",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
  if (range.kind === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    headers.set("Content-Type", "text/plain; charset=utf-8");
    return new Response(options.head ? null : "Requested range not satisfiable\n", { status: 416, headers });
  }
  const start = range.kind === "partial" ? range.start : 0;
  const end = range.kind === "partial" ? range.end : size - 1;
  await options.count(start);
  headers.set("Content-Type", file.mimeType);
  headers.set("Content-Length", String(end - start + 1));
  headers.set(DECLARED_LENGTH_HEADER, String(end - start + 1));
  headers.set("Content-Disposition", attachmentHeader(file.fileName));
  headers.set("ETag", etag);
  if (range.kind === "partial") headers.set("Content-Range", `bytes ${start}-${end}/${size}`);
  const status = range.kind === "partial" ? 206 : 200;
  if (options.head || size === 0) return new Response(null, { status, headers });
  const stream = await fileStorage().open(file.storageKey, { start, end });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
}
