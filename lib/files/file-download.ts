import "server-only";
import type { Reader } from "@/lib/buyers/reader";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { findFileAccess } from "@/lib/access/file-access-queries";
import { ROW_ID } from "@/lib/http/identifiers";
import { downloadPath, linkFor } from "@/lib/files/download-links";
import { fileGone, fileResponse } from "@/lib/files/file-response";
import { usableLink } from "@/lib/files/held-file-queries";

export const noSuchFile = () => notFound("No such file", "no_such_file");

/**
 * GET/HEAD /files/<id>/download, where file pages and the library link. A free file (or one
 * with a free article) is streamed at once, counting nothing: there is no purchase to count
 * against. A holder is sent (303) to the round-0 link of the entitlement they hold it under,
 * made on the first visit, so every download of a purchase counts against one link, whichever
 * browser or receipt it comes from (after a notify-buyers mail, the fresh link with downloads
 * left), also after the owner unpublished it (only "removed" ends downloads: 410). The file's
 * owner gets it directly, drafts included. Anyone else gets a 403 saying where to buy it (a
 * draft: 404, as it is not on the site).
 */
export async function downloadFile(fileId: string, reader: Reader, request: Request, head: boolean): Promise<Response> {
  const file = await db().storedFile.findUnique({
    where: { id: fileId },
    select: {
      id: true, ownerId: true, articleId: true, priceSats: true, status: true,
      storageKey: true, fileName: true, mimeType: true, sha256: true,
      article: { select: { slug: true, status: true } },
    },
  });
  if (!file) throw noSuchFile();
  if (file.status === "removed") throw fileGone();
  // The owner checks their own file (drafts too), counting nothing.
  if (reader.userId !== null && reader.userId === file.ownerId) return fileResponse(file, request, { head, count: async () => {} });
  const access = await findFileAccess(file, reader);
  if (!access) {
    if (file.status === "draft") throw noSuchFile();
    const where = file.article ? `/articles/${file.article.slug}` : `/files/${file.id}`;
    throw new AppError(403, `This file is for its buyers: buy it at ${where} to download it`, "not_bought");
  }
  if (access.free) {
    // Free only while on offer: a draft, or a free article that left the site, takes its files along.
    if (file.status !== "visible" || (file.article && file.article.status !== "visible")) throw noSuchFile();
    return fileResponse(file, request, { head, count: async () => {} });
  }
  // A holder keeps a file its owner unpublished since (as buyers keep unpublished articles).
  // The newest link with downloads left (a fresh notify-buyers round), else the purchase's own.
  const link = (await usableLink(access.entitlementId, file.id)) ?? (await linkFor(access.entitlementId, file.id, { passUntil: access.passUntil }));
  if (!link) throw noSuchFile();
  return new Response(null, {
    status: 303,
    headers: { Location: downloadPath(link.token), "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" },
  });
}

/** A file id in a path: a cuid; anything else is the same 404 as an unknown file. */
export function parseFileId(value: string): string {
  if (!ROW_ID.test(value)) throw noSuchFile();
  return value;
}

/** How many downloads a new link allows (for pages that show it before the link exists). */
export const downloadLimit = () => getEnv().DOWNLOAD_LIMIT;
