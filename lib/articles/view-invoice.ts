import "server-only";
import { findReadAccess } from "@/lib/access/entitlement-queries";
import { verifiedEmailOf } from "@/lib/auth/account-email";
import type { Reader } from "@/lib/buyers/reader";
import { AppError } from "@/lib/errors";
import { invoiceQrSvg } from "@/lib/payments/invoice-qr";
import { preparePayment } from "@/lib/payments/open-payment";

// A new reader's invoice without a second page render: the first visit's page (which creates
// nothing: the browser has not yet shown it keeps the buyer cookie) asks for it here, sending the
// cookie back. Only the invoice and its QR code travel, not the page again.

export const NO_COOKIES = "Enable cookies to buy this article: your purchase is remembered by this browser.";

export type ViewInvoice =
  | { state: "paid" }
  | { state: "waiting"; paymentId: string; paymentRequest: string; paymentHash: string; expiresAt: string; amountSats: number; qrSvg: string; verifiedEmail: string | null };

/**
 * The reader's invoice for reading an article (created, or the open one resumed), or "paid" when
 * the reader may read it already (the page then renders the body). 400 without the buyer cookie
 * (a client that keeps no cookies gets no invoice), 404 for an article not sold, 429 at an
 * invoice cap, 503 when the node cannot be reached.
 */
export async function startViewInvoice(articleId: string, reader: Reader, clientAddress: string): Promise<ViewInvoice> {
  if (!reader.buyerId || reader.freshBuyer) throw new AppError(400, NO_COOKIES, "no_buyer");
  if (await findReadAccess(articleId, reader)) return { state: "paid" };
  const state = await preparePayment("view", { articleId }, { kind: "browser", buyerId: reader.buyerId }, clientAddress);
  if (state.kind === "paid") return { state: "paid" };
  if (state.kind === "busy") throw new AppError(429, state.message, "busy");
  if (state.kind === "unavailable") throw new AppError(503, state.message, "lightning_unavailable");
  const [qrSvg, verifiedEmail] = await Promise.all([invoiceQrSvg(state.paymentRequest), verifiedEmailOf(reader.userId)]);
  return {
    state: "waiting",
    paymentId: state.paymentId,
    paymentRequest: state.paymentRequest,
    paymentHash: state.paymentHash,
    expiresAt: state.expiresAt.toISOString(),
    amountSats: state.amountSats,
    qrSvg,
    verifiedEmail,
  };
}
