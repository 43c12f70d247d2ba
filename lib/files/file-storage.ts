import "server-only";
import type { Readable } from "node:stream";
import { getEnv } from "@/lib/env";
import { LocalDiskStorage } from "@/lib/files/local-disk-storage";

/**
 * Where file bytes live. Keys are made by the site (newStorageKey), never taken from a client, so
 * no upload name can reach a path. Local disk (UPLOAD_DIR) is the one implementation; an object
 * store (S3 and the like) would need: a streaming multipart upload of unknown length with a size
 * cap and a sha256 computed on the way (put), a ranged GET (open), a HEAD (size) and a delete,
 * with keys under one private bucket prefix and no public URLs (downloads keep going through the
 * site, which counts them).
 */
export interface FileStorage {
  /**
   * Streams `source` into a new object under `key`, refusing more than maxBytes. Nothing is
   * visible under the key unless the whole stream was written; a failure leaves nothing behind.
   * Returns the size, the sha256 (hex) and the first bytes (for type sniffing).
   */
  put(key: string, source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredObject>;
  /** Reads bytes start..end (inclusive) of an object, or all of it. */
  open(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** The object's size in bytes, or null when there is none. */
  size(key: string): Promise<number | null>;
  /** Removes an object; removing one that is not there is not an error. */
  remove(key: string): Promise<void>;
}

export type StoredObject = { sizeBytes: number; sha256: string; head: Uint8Array };

/** How many leading bytes put() returns for sniffing (what file-type reads at most). */
export const SNIFF_BYTES = 4100;

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Upload larger than ${maxBytes} bytes`);
  }
}

const g = globalThis as { __fileStorage?: FileStorage };

export function fileStorage(): FileStorage {
  return (g.__fileStorage ??= new LocalDiskStorage(getEnv().UPLOAD_DIR));
}
