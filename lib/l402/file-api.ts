import "server-only";
import { NextResponse } from "next/server";
import { findFileAccess } from "@/lib/access/file-access-queries";
import { AppError, notFound } from "@/lib/errors";
import { downloadPath, linkFor } from "@/lib/files/download-links";
import { findFileForPage } from "@/lib/files/file-queries";
import { usableLink } from "@/lib/files/held-file-queries";
import type { ApiRequest } from "@/lib/l402/article-api";
import type { L402Target } from "@/lib/l402/l402-caveats";
import { verifyRequest, type VerifiedAccess } from "@/lib/l402/l402-access";
import { l402Entitlement, l402Payment } from "@/lib/l402/l402-queries";
import { NO_STORE, paymentRequired, refused, renewable } from "@/lib/l402/l402-responses";
import { refreshFromNode } from "@/lib/payments/node-sync";

// GET /api/v1/files/<id>: a file for programs. Its public facts for everyone; with access, a
// download link (/d/<token>, counted like a browser's: DOWNLOAD_LIMIT downloads, Range). A file
// attached to an article goes with the article: the article's L402 token opens it, and its 402
// sells the article. A file sold alone has its own token (caveat file=<id>). Never the bytes
// here, never the storage key.

type ApiFile = NonNullable<Awaited<ReturnType<typeof findFileForPage>>>;

export async function fileForMachines(fileId: string, request: ApiRequest & { origin: string }): Promise<Response> {
  const file = await findFileForPage(fileId);
  if (!file || file.status === "removed") throw notFound("No such file", "no_such_file");
  const onSite = file.status === "visible" && (file.article === null || file.article.status === "visible");
  const target: L402Target = file.articleId ? { kind: "article", id: file.articleId } : { kind: "file", id: file.id };
  const free = file.article ? file.article.priceSats === 0 : !file.priceSats;
  if (free) {
    if (!onSite) throw notFound("No such file", "no_such_file");
    return served(file, "free", { url: `${request.origin}/files/${file.id}/download`, usesLeft: null, expiresAt: null });
  }

  const credential = await verifyRequest(request.headers, target);
  if (credential.kind === "verified") return servedToToken(file, credential.access, request.origin);
  if (credential.kind === "refused") {
    if (!renewable(credential) || !onSite) return refused(credential.code, credential.message);
    return paymentRequired(target, metadata(file), request.clientAddress, { code: credential.code, message: credential.message });
  }

  // No credential: a browser holding it (its cookies, a receipt link, its account) gets its link.
  const access = await findFileAccess(file, await request.reader());
  if (access && !access.free) {
    const link = (await usableLink(access.entitlementId, file.id)) ?? (await linkFor(access.entitlementId, file.id, { passUntil: access.passUntil }));
    if (link) return served(file, "purchase", { url: `${request.origin}${downloadPath(link.token)}`, ...linkState(link) });
  }
  if (!onSite) throw notFound("No such file", "no_such_file");
  return paymentRequired(target, metadata(file), request.clientAddress, null);
}

/**
 * A verified token: the link under its payment's entitlement. The preimage proves the payment,
 * but the settlement may not be credited yet (the watcher is a moment behind): then ask the node
 * once, as "Check payment" does, before telling the client to retry.
 */
async function servedToToken(file: ApiFile, access: VerifiedAccess, origin: string): Promise<Response> {
  let held = await l402Entitlement(access);
  if (!held) {
    const payment = await l402Payment(access);
    if (!payment) return refused("l402_invalid", "This token's invoice was not issued here.");
    await refreshFromNode(payment.id, payment.paymentHash);
    held = await l402Entitlement(access);
    if (!held) throw new AppError(409, "The payment is not credited yet: retry in a second.", "not_credited");
  }
  const link = (await usableLink(held.entitlementId, file.id)) ?? (await linkFor(held.entitlementId, file.id));
  if (!link) throw notFound("No such file", "no_such_file");
  return served(file, "l402", { url: `${origin}${downloadPath(link.token)}`, ...linkState(link) }, new Date(access.validUntil * 1000));
}

function linkState(link: { usesLeft: number; expiresAt: Date | null }) {
  return { usesLeft: link.usesLeft, expiresAt: link.expiresAt?.toISOString() ?? null };
}

function metadata(file: ApiFile) {
  return {
    id: file.id,
    title: file.title,
    fileName: file.fileName,
    mimeType: file.mimeType,
    sizeBytes: file.sizeBytes,
    sha256: file.sha256,
    author: file.owner.profile?.displayName ?? null,
    // Sold with an article (its price buys both) or alone at its own price.
    article: file.article ? { slug: file.article.slug, title: file.article.title, priceSats: file.article.priceSats } : null,
    priceSats: file.article ? file.article.priceSats : (file.priceSats ?? 0),
  };
}

type Download = { url: string; usesLeft: number | null; expiresAt: string | null };

function served(file: ApiFile, access: "free" | "l402" | "purchase", download: Download, tokenValidUntil?: Date) {
  return NextResponse.json(
    { ...metadata(file), access, ...(tokenValidUntil ? { tokenValidUntil: tokenValidUntil.toISOString() } : {}), download },
    { headers: { ...NO_STORE, Vary: "Authorization, Cookie" } },
  );
}
