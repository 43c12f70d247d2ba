import "server-only";
import { db } from "@/lib/db/client";
import { badRequest, notFound } from "@/lib/errors";
import { downloadAllowance } from "@/lib/files/download-mail-lines";
import { downloadPath, linkFor } from "@/lib/files/download-links";
import { holdersOfFile } from "@/lib/files/held-file-queries";
import { enqueueMail } from "@/lib/mail/mail-outbox-queries";

// "An update is available" mails to everyone who bought a file (with its article or alone),
// each with a FRESH download link: round = the file's version, one per entitlement, file and
// version, with DOWNLOAD_LIMIT uses. Each step is idempotent (the link INSERT does nothing if
// it exists, the mail is keyed notify:<file>:v<version>:<address>), so a run stopped halfway
// continues where it stopped when run again and mails nobody twice. Pass holders are not
// mailed: a pass is not a purchase of the file, and it opens the file's page while it runs.

export type NotifyFile = { id: string; ownerId: string; articleId: string | null; title: string; fileName: string; version: number; articleTitle: string | null };
export type NotifyCounts = { files: number; queued: number; alreadySent: number; withoutAddress: number };

const fileSelect = { id: true, ownerId: true, articleId: true, title: true, fileName: true, version: true, status: true, article: { select: { title: true, authorId: true } } } as const;

type Loaded = { id: string; ownerId: string; articleId: string | null; title: string; fileName: string; version: number; status: string; article: { title: string; authorId: string } | null };
const toNotifyFile = (file: Loaded): NotifyFile => ({ id: file.id, ownerId: file.ownerId, articleId: file.articleId, title: file.title, fileName: file.fileName, version: file.version, articleTitle: file.article?.title ?? null });

/** The visible files of an article (by id or slug), or the one file with this id. ownerId: only that owner's. */
export async function notifyTarget(idOrSlug: string, ownerId: string | null = null, kind: "article" | "file" | "any" = "any"): Promise<NotifyFile[]> {
  const file = kind === "article" ? null : await db().storedFile.findUnique({ where: { id: idOrSlug }, select: fileSelect });
  if (!file && kind === "file") throw notFound("No such file", "no_such_file");
  if (file) {
    if (ownerId !== null && file.ownerId !== ownerId) throw notFound("No such file", "no_such_file");
    if (file.status !== "visible") throw badRequest("This file is not on offer", "file_not_visible");
    return [toNotifyFile(file)];
  }
  const article = await db().article.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, select: { id: true, authorId: true } });
  if (!article || (ownerId !== null && article.authorId !== ownerId)) throw notFound("No such article or file", "not_found");
  const files = await db().storedFile.findMany({ where: { articleId: article.id, status: "visible" }, select: fileSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  if (files.length === 0) throw badRequest("This article has no files to update", "no_files");
  return files.map(toNotifyFile);
}

/** Queues one mail per buyer address of each file (once per file version); returns the counts. */
export async function notifyBuyers(files: NotifyFile[], origin: string, onQueued?: (address: string) => void): Promise<NotifyCounts> {
  const counts: NotifyCounts = { files: files.length, queued: 0, alreadySent: 0, withoutAddress: 0 };
  for (const file of files) {
    const byAddress = new Map<string, string>();
    for (const holder of await holdersOfFile(file)) {
      if (!holder.address) counts.withoutAddress += 1;
      // The latest purchase from an address carries its link (holders come oldest first).
      else byAddress.set(holder.address.trim().toLowerCase(), holder.entitlementId);
    }
    for (const [address, entitlementId] of byAddress) {
      const link = await linkFor(entitlementId, file.id, { round: file.version });
      if (!link) continue;
      const queued = await enqueueMail({ idempotencyKey: `notify:${file.id}:v${file.version}:${address}`, to: address, ...updateMail(file, `${origin}${downloadPath(link.token)}`, downloadAllowance(link.usesLeft, link.expiresAt)) });
      if (queued) {
        counts.queued += 1;
        onQueued?.(address);
      } else counts.alreadySent += 1;
    }
  }
  return counts;
}

function updateMail(file: NotifyFile, url: string, allowance: string) {
  const what = file.articleTitle ? `"${file.title}" (${file.fileName}), from "${file.articleTitle}"` : `"${file.title}" (${file.fileName})`;
  return {
    subject: `Update available: ${file.title}`,
    text:
      `An updated version of ${what}, which you bought, is available.\n\n` +
      `Your fresh download link (${allowance}):\n${url}\n\n` +
      `Anyone with the link can download the file, so keep it to yourself.\n`,
  };
}

/** The dashboard's button: the owner (the file's, or the article's lead author) mails its buyers. */
export async function notifyBuyersAsOwner(kind: "article" | "file", id: string, ownerId: string, origin: string): Promise<NotifyCounts> {
  return notifyBuyers(await notifyTarget(id, ownerId, kind), origin);
}
