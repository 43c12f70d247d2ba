import "server-only";
import { db } from "@/lib/db/client";

// StoredFile rows. Every select here names its columns and none but replaceBytes and the
// management reads touch storageKey: what leaves these functions for pages and JSON never holds it.

export type FileStatus = "draft" | "visible" | "removed";

const PUBLIC = {
  id: true,
  ownerId: true,
  articleId: true,
  priceSats: true,
  title: true,
  fileName: true,
  mimeType: true,
  sizeBytes: true,
  sha256: true,
  version: true,
  status: true,
  createdAt: true,
} as const;

export type PublicFile = {
  id: string;
  ownerId: string;
  articleId: string | null;
  priceSats: number | null;
  title: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  version: number;
  status: string;
  createdAt: Date;
};

/** What the file action sells: a visible file sold alone at a price above 0. */
export type FileOnSale = { id: string; title: string; priceSats: number };

export async function findFileOnSale(fileId: string): Promise<FileOnSale | null> {
  const row = await db().storedFile.findUnique({ where: { id: fileId }, select: { id: true, title: true, priceSats: true, status: true, articleId: true } });
  if (!row || row.status !== "visible" || row.articleId !== null || !row.priceSats) return null;
  return { id: row.id, title: row.title, priceSats: row.priceSats };
}

/** A file for its page, with its owner's name and (attached) its article's address. */
export async function findFileForPage(fileId: string) {
  return db().storedFile.findUnique({
    where: { id: fileId },
    select: { ...PUBLIC, owner: { select: { profile: { select: { displayName: true } } } }, article: { select: { slug: true, title: true, status: true, priceSats: true } } },
  });
}

/** The files of an article: the ones offered to readers, or (editor) all but removed ones. */
export function listArticleFiles(articleId: string, which: "visible" | "editor"): Promise<PublicFile[]> {
  return db().storedFile.findMany({
    where: { articleId, status: which === "visible" ? "visible" : { not: "removed" } },
    select: PUBLIC,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** An author's files sold alone, newest first, removed ones last. */
export function listSoldAloneFiles(ownerId: string): Promise<PublicFile[]> {
  return db().storedFile.findMany({ where: { ownerId, articleId: null }, select: PUBLIC, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 200 });
}

export function findPublicFile(fileId: string): Promise<PublicFile | null> {
  return db().storedFile.findUnique({ where: { id: fileId }, select: PUBLIC });
}

/** For management: the owner and the current storage key (never sent anywhere). */
export function findFileForManagement(fileId: string) {
  return db().storedFile.findUnique({ where: { id: fileId }, select: { ...PUBLIC, storageKey: true, article: { select: { status: true } } } });
}

export type NewFile = {
  ownerId: string;
  articleId: string | null;
  priceSats: number | null;
  title: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  status: FileStatus;
};

export function insertFile(file: NewFile): Promise<PublicFile> {
  return db().storedFile.create({ data: file, select: PUBLIC });
}

/**
 * Points the row at new bytes, in one conditional UPDATE: only while it still points at the
 * key the caller read (a concurrent replace wins once). False: someone else replaced it first.
 */
export async function replaceBytes(fileId: string, previousKey: string, next: { storageKey: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string }): Promise<boolean> {
  const { count } = await db().storedFile.updateMany({
    where: { id: fileId, storageKey: previousKey, status: { not: "removed" } },
    data: { ...next, version: { increment: 1 } },
  });
  return count === 1;
}

export async function updateFileFields(fileId: string, fields: { title?: string; priceSats?: number; status?: FileStatus }): Promise<PublicFile> {
  return db().storedFile.update({ where: { id: fileId }, data: fields, select: PUBLIC });
}
