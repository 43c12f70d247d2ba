import "server-only";
import { AppError } from "@/lib/errors";

/** The body ended before the bytes it announced (the client stopped mid-upload). */
export const truncatedUpload = () => new AppError(400, "The upload was cut off before the whole file arrived; nothing was stored.", "upload_truncated");

/**
 * A request body as chunks, read as they arrive (never collected). Stopping early releases the
 * stream instead of canceling it: canceling resets the connection before the refusal is written
 * (the response then closes it, see route()). A body that errors (the client went away) or
 * ends short of its Content-Length is a truncated upload.
 */
export async function* requestChunks(request: Request): AsyncGenerator<Uint8Array> {
  if (!request.body) return;
  const declared = declaredLength(request);
  const reader = request.body.getReader();
  let received = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        throw truncatedUpload();
      }
      if (next.done) break;
      received += next.value.byteLength;
      yield next.value;
    }
  } finally {
    reader.releaseLock();
  }
  if (declared !== null && received !== declared) throw truncatedUpload();
}

/** Content-Length as a number, null when absent (a chunked upload); a malformed one is a 400. */
export function declaredLength(request: Request): number | null {
  const raw = request.headers.get("content-length");
  if (raw === null) return null;
  if (!/^\d{1,15}$/.test(raw.trim())) throw new AppError(400, "Content-Length is not a number", "bad_content_length");
  return Number(raw);
}
