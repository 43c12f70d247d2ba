import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { fileStorage, UploadTooLargeError } from "@/lib/files/file-storage";
import { newStorageKey } from "@/lib/files/local-disk-storage";
import { declaredLength, requestChunks } from "@/lib/files/upload-body";
import { ALLOWED_TYPES, ALLOWED_TYPES_TEXT, sanitizeFileName } from "@/lib/files/upload-types";

export type ReceivedFile = { storageKey: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string };

const tooLarge = (mb: number) => new AppError(413, `The file is larger than ${mb} MB, the largest upload this site takes.`, "upload_too_large");
const empty = () => new AppError(400, "The file is empty.", "upload_empty");

/**
 * Streams a request body into storage under a new random key (never buffered whole: put()
 * hashes and writes chunk by chunk, refusing past MAX_UPLOAD_MB as the bytes arrive), then
 * checks what arrived: not empty, not cut off, of an allowed type sniffed from its first bytes.
 * Any refusal removes the bytes, so nothing is left behind. The caller removes them too if it
 * cannot record the file.
 */
export async function receiveUpload(request: Request, clientName: string): Promise<ReceivedFile> {
  const mb = getEnv().MAX_UPLOAD_MB;
  const maxBytes = mb * 1024 * 1024;
  const declared = declaredLength(request);
  // Refused before a byte is read when the client says how much is coming.
  if (declared !== null && declared > maxBytes) throw tooLarge(mb);
  if (declared === 0 || !request.body) throw empty();
  const storage = fileStorage();
  const storageKey = newStorageKey();
  let stored;
  try {
    stored = await storage.put(storageKey, requestChunks(request), maxBytes);
  } catch (error) {
    if (error instanceof UploadTooLargeError) throw tooLarge(mb);
    throw error;
  }
  try {
    if (stored.sizeBytes === 0) throw empty();
    const sniffed = await fileTypeFromBuffer(stored.head).catch(() => undefined);
    const extension = sniffed ? ALLOWED_TYPES[sniffed.mime] : undefined;
    if (!sniffed || !extension) {
      throw new AppError(415, `This kind of file is not accepted (the site checks the content, not the name). Upload ${ALLOWED_TYPES_TEXT}.`, "unsupported_file_type");
    }
    return { storageKey, fileName: sanitizeFileName(clientName, extension), mimeType: sniffed.mime, sizeBytes: stored.sizeBytes, sha256: stored.sha256 };
  } catch (error) {
    await storage.remove(storageKey);
    throw error;
  }
}
