import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { findFileAccess, type FileAccess } from "@/lib/access/file-access-queries";
import { currentUser } from "@/lib/auth/current-user";
import { currentReader } from "@/lib/buyers/reader";
import { isAppError } from "@/lib/errors";
import { findFileForPage } from "@/lib/files/file-queries";
import { preparePayment, type PaymentState } from "@/lib/payments/open-payment";
import { clientAddress } from "@/lib/security/client-address";

export type FileSale = Exclude<PaymentState, { kind: "paid" }> | { kind: "no-reader" } | { kind: "first-visit" } | { kind: "not-for-sale" };

export type FilePageView = {
  file: NonNullable<Awaited<ReturnType<typeof findFileForPage>>>;
  /** The owner (or an admin) looking at it: drafts and removed files show, with a note. */
  manager: boolean;
  access: FileAccess | null;
  /** What a reader without access gets: an invoice, or why there is none. */
  sale: FileSale | null;
};

/**
 * A file's public page: null (404) when unknown, or a draft or removed file for anyone but its
 * owner, an admin, and those who bought it. A reader who may download it gets the Download
 * link; one who may not, the invoice for a file sold alone (one per browser, like an article).
 */
// Cached per request: the page and its metadata share one lookup (and one invoice).
export const filePageView = cache(async function filePageView(fileId: string): Promise<FilePageView | null> {
  const file = await findFileForPage(fileId);
  if (!file) return null;
  const [reader, user] = await Promise.all([currentReader(), currentUser()]);
  const manager = user !== null && (user.isAdmin || user.id === file.ownerId);
  const access = await findFileAccess(file, reader);
  const onSite = file.status === "visible" && (file.article === null || file.article.status === "visible");
  // A withdrawn file (or one whose article is withdrawn) stays visible to those who paid for it.
  if (!onSite && !manager && !(access && !access.free)) return null;
  if (access || file.articleId) return { file, manager, access, sale: null };
  return { file, manager, access, sale: onSite ? await saleFor(file.id) : { kind: "not-for-sale" } };
});

async function saleFor(fileId: string): Promise<FileSale> {
  const reader = await currentReader();
  if (!reader.buyerId) return { kind: "no-reader" };
  // The invoice comes with the next request, once the browser has sent its new cookie back.
  if (reader.freshBuyer) return { kind: "first-visit" };
  try {
    const state = await preparePayment("file", { fileId }, { kind: "browser", buyerId: reader.buyerId }, clientAddress(await headers()));
    // Completed by a settlement racing this page: the entitlement is there, the page reloads.
    return state.kind === "paid" ? { kind: "unavailable", message: "Paid. Reload the page for the download." } : state;
  } catch (error) {
    if (isAppError(error) && error.code === "busy") return { kind: "busy", message: error.message };
    if (isAppError(error) && error.status === 404) return { kind: "not-for-sale" };
    throw error;
  }
}
