import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { text } from "node:stream/consumers";
import { afterAll, describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { LocalDiskStorage, newStorageKey } = await import("@/lib/files/local-disk-storage");
const { UploadTooLargeError } = await import("@/lib/files/file-storage");

const root = await mkdtemp(path.join(os.tmpdir(), "storage-"));
afterAll(() => rm(root, { recursive: true, force: true }));

async function* chunks(...parts: string[]) {
  for (const part of parts) yield new TextEncoder().encode(part);
}

describe("local disk storage", () => {
  const storage = new LocalDiskStorage(root);

  it("stores a stream whole, with its size and sha256, and reads ranges of it", async () => {
    const key = newStorageKey();
    const stored = await storage.put(key, chunks("hello ", "world"), 100);
    expect(stored.sizeBytes).toBe(11);
    expect(stored.sha256).toBe("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
    expect(Buffer.from(stored.head).toString()).toBe("hello world");
    expect(await storage.size(key)).toBe(11);
    expect(await text(await storage.open(key, { start: 6, end: 10 }))).toBe("world");
    await storage.remove(key);
    expect(await storage.size(key)).toBeNull();
  });

  it("refuses an oversized stream and leaves nothing behind", async () => {
    const key = newStorageKey();
    await expect(storage.put(key, chunks("12345", "67890"), 7)).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(await storage.size(key)).toBeNull();
    expect(await readdir(path.join(root, key.slice(0, 2)))).toEqual([]);
  });

  it("accepts only keys it makes", async () => {
    await expect(storage.size("../../etc/passwd")).rejects.toThrow("Invalid storage key");
  });
});
