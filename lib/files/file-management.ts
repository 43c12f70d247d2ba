import "server-only";
import { articleTag, invalidatePages } from "@/lib/cache/page-cache";
import type { SignedInUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError, badRequest, notFound } from "@/lib/errors";
import { errorMessage, log } from "@/lib/log";
import { fileStorage } from "@/lib/files/file-storage";
import type { UploadTarget } from "@/lib/files/file-input";
import { findFileForManagement, findPublicFile, insertFile, type FileStatus, type PublicFile, replaceBytes, updateFileFields } from "@/lib/files/file-queries";
import { receiveUpload, type ReceivedFile } from "@/lib/files/receive-upload";

// An author's files: upload (attached to one of their articles, or sold alone), replace the
// bytes, change title, price and status. Only the owner or an admin; anyone else gets the same
// 404 as an unknown id. Nothing here returns a storage key.

const noSuchFile = () => notFound("No such file", "no_such_file");

const canManage = (user: SignedInUser, ownerId: string) => user.isAdmin || ownerId === user.id;

/** Checks the target first (before a byte is read), then streams the body in and records the file. */
export async function uploadFile(user: SignedInUser, request: Request, name: string, target: UploadTarget): Promise<PublicFile> {
  let ownerId = user.id;
  if (target.kind === "article") {
    const article = await db().article.findUnique({ where: { id: target.articleId }, select: { authorId: true, status: true } });
    if (!article || !canManage(user, article.authorId)) throw notFound("No such article", "no_such_article");
    if (article.status === "deleted_by_admin") throw new AppError(403, "This article was removed by the site's administrators; files cannot be added until they restore it", "removed_by_admin");
    // An admin adding a file to someone's article adds it for that author.
    ownerId = article.authorId;
  }
  const received = await receiveUpload(request, name);
  const stored = await recordOrDiscard(received, () =>
    insertFile({
      ownerId,
      articleId: target.kind === "article" ? target.articleId : null,
      priceSats: target.kind === "alone" ? target.priceSats : null,
      title: target.title ?? received.fileName,
      ...received,
      // A file attached to an article is offered with it at once; one sold alone waits to be published.
      status: target.kind === "article" ? "visible" : "draft",
    }),
  );
  return pagesDropped(stored);
}

/** New bytes for an existing file: version + 1; the old bytes go once the row points at the new. */
export async function replaceFile(user: SignedInUser, fileId: string, request: Request, name: string): Promise<PublicFile> {
  const file = await findFileForManagement(fileId);
  if (!file || !canManage(user, file.ownerId)) throw noSuchFile();
  if (file.status === "removed") throw new AppError(409, "This file was removed; upload a new one instead", "file_removed");
  const received = await receiveUpload(request, name);
  await recordOrDiscard(received, async () => {
    if (!(await replaceBytes(file.id, file.storageKey, received))) throw new AppError(409, "The file was changed meanwhile; reload and try again", "file_changed");
  });
  await fileStorage()
    .remove(file.storageKey)
    .catch((error) => log.error("could not remove replaced file bytes", { fileId, reason: errorMessage(error) }));
  return pagesDropped((await findPublicFile(file.id))!);
}

/** Title, price (files sold alone) and status: draft, visible (published) or removed. */
export async function changeFile(user: SignedInUser, fileId: string, fields: { title?: string; priceSats?: number; status?: FileStatus }): Promise<PublicFile> {
  const file = await findFileForManagement(fileId);
  if (!file || !canManage(user, file.ownerId)) throw noSuchFile();
  if (fields.priceSats !== undefined && file.articleId) throw badRequest("A file attached to an article is sold with it; it has no price of its own", "invalid_price_sats");
  if (fields.priceSats !== undefined && fields.priceSats > getEnv().MAX_PRICE_SATS) throw badRequest("The price is too high", "invalid_price_sats");
  return pagesDropped(await updateFileFields(file.id, fields));
}

/** An article's page lists its files: drop its cached shell (every instance). */
function pagesDropped(file: PublicFile): PublicFile {
  if (file.articleId) invalidatePages([articleTag(file.articleId)]);
  return file;
}

async function recordOrDiscard<T>(received: ReceivedFile, record: () => Promise<T>): Promise<T> {
  try {
    return await record();
  } catch (error) {
    await fileStorage().remove(received.storageKey);
    throw error;
  }
}
