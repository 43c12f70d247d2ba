import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { db } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { fileStorage } from "@/lib/files/file-storage";
import { newStorageKey } from "@/lib/files/local-disk-storage";
import { TEST_TMP } from "./test-database";

// Files for the download tests, made as the upload part makes them: bytes through
// fileStorage().put under a new key, and a StoredFile row. The test process and the server it
// starts must share the folder: pass `UPLOAD_DIR: dir` in the server's env and call
// useUploadDir(dir) in the test process (after shareServerDatabase, which resets the settings).

export const newUploadDir = () => path.join(TEST_TMP, `uploads-${randomBytes(6).toString("hex")}`);

export function useUploadDir(dir: string) {
  process.env.UPLOAD_DIR = dir;
  resetEnvForTests();
  delete (globalThis as { __fileStorage?: unknown }).__fileStorage;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export type TestFile = { id: string; bytes: Buffer; sha256: string; fileName: string; storageKey: string };

/** Random bytes (a PDF header and a marker inside) of the given size. */
export function fileBytes(size: number, marker = ""): Buffer {
  const bytes = randomBytes(size);
  const head = Buffer.from(`%PDF-1.7\n${marker}\n`);
  head.copy(bytes, 0);
  return bytes;
}

export async function createStoredFile(input: {
  ownerId: string;
  articleId?: string | null;
  priceSats?: number | null;
  title?: string;
  fileName?: string;
  bytes?: Buffer;
  mimeType?: string;
  status?: string;
}): Promise<TestFile> {
  const bytes = input.bytes ?? fileBytes(200_000);
  const storageKey = newStorageKey();
  const stored = await fileStorage().put(storageKey, (async function* () {
    yield bytes;
  })(), bytes.byteLength + 1);
  const fileName = input.fileName ?? "guide.pdf";
  const row = await db().storedFile.create({
    data: {
      ownerId: input.ownerId,
      articleId: input.articleId ?? null,
      priceSats: input.priceSats ?? null,
      title: input.title ?? "The guide",
      fileName,
      mimeType: input.mimeType ?? "application/pdf",
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      storageKey,
      status: input.status ?? "visible",
    },
  });
  return { id: row.id, bytes, sha256: stored.sha256, fileName, storageKey };
}
