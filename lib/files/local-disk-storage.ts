import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { SNIFF_BYTES, UploadTooLargeError, type FileStorage, type StoredObject } from "@/lib/files/file-storage";

const KEY = /^[a-f0-9]{32}$/;

/** A new random storage key: 128 bits, hex, the only shape the storage accepts. */
export const newStorageKey = () => randomBytes(16).toString("hex");

/**
 * Files under UPLOAD_DIR/<first two hex>/<key>. A put writes to a temporary name beside the
 * final one and renames it into place when the stream ended whole, so a crash or a refused
 * upload never leaves a half file under a key.
 */
export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error("Invalid storage key");
    return path.resolve(/*turbopackIgnore: true*/ this.root, key.slice(0, 2), key);
  }

  async put(key: string, source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredObject> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(4).toString("hex")}.part`;
    const out = createWriteStream(temporary, { flags: "wx" });
    const hash = createHash("sha256");
    const head: Buffer[] = [];
    let headBytes = 0;
    let sizeBytes = 0;
    try {
      for await (const chunk of source) {
        sizeBytes += chunk.byteLength;
        if (sizeBytes > maxBytes) throw new UploadTooLargeError(maxBytes);
        hash.update(chunk);
        if (headBytes < SNIFF_BYTES) {
          const part = Buffer.from(chunk.subarray(0, SNIFF_BYTES - headBytes));
          head.push(part);
          headBytes += part.byteLength;
        }
        // Back-pressure: wait for the disk when its buffer is full, so memory stays flat.
        if (!out.write(chunk)) await new Promise<void>((resolve, reject) => out.once("drain", resolve).once("error", reject));
      }
      out.end();
      await finished(out);
      await rename(temporary, target);
    } catch (error) {
      // The file may still be opening: wait until the stream is closed, or the rm could run
      // before the open creates the file and leave a stray part behind.
      if (!out.closed) await new Promise<void>((resolve) => out.destroy().once("close", () => resolve()));
      await rm(temporary, { force: true });
      throw error;
    }
    return { sizeBytes, sha256: hash.digest("hex"), head: Buffer.concat(head) };
  }

  async open(key: string, range?: { start: number; end: number }): Promise<Readable> {
    return createReadStream(this.pathOf(key), range ? { start: range.start, end: range.end } : {});
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.pathOf(key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
