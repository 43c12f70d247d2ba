import "server-only";
import { articleParties } from "@/lib/articles/article-share-queries";
import type { Reader } from "@/lib/buyers/reader";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { browserAccount, userAccount } from "@/lib/ledger/accounts";
import { MAX_SHARING_UPVOTERS, upvoteSplit } from "@/lib/ledger/upvote-split";
import { invoiceQrSvg } from "@/lib/payments/invoice-qr";
import type { ActionType } from "@/lib/payments/actions";
import { preparePayment } from "@/lib/payments/open-payment";
import { earlierPayers, type PayerRef } from "@/lib/payments/payment-queries";
import type { Party } from "@/lib/ledger/splits";
import { describeUpvoteSplit } from "@/lib/articles/upvote-words";

// Paid upvotes as the article page and its route see them: what an upvote by this reader would
// pay to whom (shown before paying), and starting one (an invoice from the engine).

// The paid action (lib/payments/actions/upvote.ts) by its registry type, which is also the
// purpose its payments are stored under.
export const UPVOTE: ActionType = "upvote";

/** The earlier upvoters (one more than can share) and the article's parties: the same for every reader. */
export type UpvoteInputs = { payers: PayerRef[]; parties: Party[] };

/** The split this reader's upvote would make now, in msats, and in words. */
export async function upvotePreview(articleId: string, reader: Pick<Reader, "buyerId" | "userId">) {
  // The same earlier payers the upvote's onPaid will find (minus the reader, who never shares their own).
  const [payers, { parties }] = await Promise.all([
    earlierPayers(db(), { articleId, purpose: UPVOTE, excludePaymentId: "", limit: MAX_SHARING_UPVOTERS + 1 }),
    articleParties(db(), articleId),
  ]);
  return upvotePreviewFrom({ payers, parties }, reader);
}

/** upvotePreview from inputs read earlier (the article page's cached shell, lib/articles/article-shell.ts). */
export function upvotePreviewFrom({ payers, parties }: UpvoteInputs, reader: Pick<Reader, "buyerId" | "userId">) {
  const env = getEnv();
  const mine = reader.userId ? userAccount(reader.userId) : reader.buyerId ? browserAccount(reader.buyerId) : null;
  const sharers = payers
    .map((ref) => (ref.userId ? userAccount(ref.userId) : browserAccount(ref.buyerId)))
    .filter((account) => account !== mine)
    .slice(0, MAX_SHARING_UPVOTERS).length;
  const totalMsats = BigInt(env.UPVOTE_SATS) * 1000n;
  const split = upvoteSplit({ totalMsats, siteFeePercent: env.SITE_FEE_PERCENT, authorPercent: env.UPVOTE_AUTHOR_PERCENT, parties, sharers });
  return { sats: env.UPVOTE_SATS, text: describeUpvoteSplit({ totalMsats, split, authors: parties.length, siteFeePercent: env.SITE_FEE_PERCENT }) };
}

export type UpvoteStart =
  | { state: "paid"; paymentId: string }
  | { state: "waiting"; paymentId: string; paymentRequest: string; paymentHash: string; expiresAt: string; amountSats: number; qrSvg: string; split: string };

/**
 * Starts (or resumes: one open upvote per browser and article) this browser's upvote. A removed
 * article answers 410, an unpublished or unknown one 404, before anything reaches the node.
 */
export async function startUpvote(articleId: string, reader: Reader, clientAddress: string): Promise<UpvoteStart> {
  if (!reader.buyerId) throw new AppError(400, "Enable cookies to upvote: your upvote is paid from this browser.", "no_buyer");
  const article = await db().article.findUnique({ where: { id: articleId }, select: { status: true } });
  if (!article || (article.status !== "visible" && article.status !== "deleted_by_admin")) throw new AppError(404, "No such article", "no_such_article");
  if (article.status === "deleted_by_admin") throw new AppError(410, "This article was removed by the site's administrators and cannot be upvoted.", "article_removed");
  const preview = await upvotePreview(articleId, reader);
  const state = await preparePayment(UPVOTE, { articleId }, { kind: "browser", buyerId: reader.buyerId }, clientAddress);
  if (state.kind === "paid") return { state: "paid", paymentId: state.paymentId };
  if (state.kind === "busy") throw new AppError(429, state.message, "busy");
  if (state.kind === "unavailable") throw new AppError(503, state.message, "lightning_unavailable");
  return {
    state: "waiting",
    paymentId: state.paymentId,
    paymentRequest: state.paymentRequest,
    paymentHash: state.paymentHash,
    expiresAt: state.expiresAt.toISOString(),
    amountSats: state.amountSats,
    qrSvg: await invoiceQrSvg(state.paymentRequest),
    split: preview.text,
  };
}
