import "server-only";
import type { Reader } from "@/lib/buyers/reader";
import { AppError, notFound } from "@/lib/errors";
import { giftKind, type GiftItem, type GiftKindName } from "@/lib/gifts/gift-kinds";
import { findGift, type GiftRow, listSentGifts } from "@/lib/gifts/gift-queries";
import type { Cursor } from "@/lib/pagination/keyset-cursor";
import type { ActionType } from "@/lib/payments/actions";
import { invoiceQrSvg } from "@/lib/payments/invoice-qr";
import { preparePayment } from "@/lib/payments/open-payment";

// Gifts as the pages and routes see them: buying one (an invoice from the engine), and what the
// giver is shown afterwards (the claim link and whether it was claimed). Claiming is in
// claim-gift.ts.

// The paid action (lib/payments/actions/gift.ts) by its registry type.
const GIFT: ActionType = "gift";

export type GiftStart =
  | { state: "paid"; paymentId: string }
  | { state: "waiting"; paymentId: string; paymentRequest: string; paymentHash: string; expiresAt: string; amountSats: number; qrSvg: string };

/** Starts (or resumes: one open gift invoice per browser and item) this browser's gift purchase. */
export async function startGift(kind: GiftKindName, id: string, reader: Reader, clientAddress: string): Promise<GiftStart> {
  if (!reader.buyerId) throw new AppError(400, "Enable cookies to buy a gift: it is paid from this browser.", "no_buyer");
  const state = await preparePayment(GIFT, { kind, id }, { kind: "browser", buyerId: reader.buyerId }, clientAddress);
  if (state.kind === "paid") return { state: "paid", paymentId: state.paymentId };
  if (state.kind === "busy") throw new AppError(429, state.message, "busy");
  if (state.kind === "unavailable") throw new AppError(503, state.message, "lightning_unavailable");
  const { paymentId, paymentRequest, paymentHash, amountSats } = state;
  return { state: "waiting", paymentId, paymentRequest, paymentHash, amountSats, expiresAt: state.expiresAt.toISOString(), qrSvg: await invoiceQrSvg(paymentRequest) };
}

/** The giver's browser, or the account holding it. */
export function isGiver(gift: GiftRow, reader: Pick<Reader, "buyerId" | "userId">): boolean {
  return (gift.giverBuyerId !== null && gift.giverBuyerId === reader.buyerId) || (reader.userId !== null && gift.giverUserId === reader.userId);
}

export function isClaimer(gift: GiftRow, reader: Pick<Reader, "buyerId" | "userId">): boolean {
  return (gift.claimerBuyerId !== null && gift.claimerBuyerId === reader.buyerId) || (reader.userId !== null && gift.claimerUserId === reader.userId);
}

/** What the giver sees of their gift: never the paid body, always the claim link. */
export type SentGift = {
  paymentId: string;
  kind: string;
  title: string;
  amountSats: number;
  boughtAt: string;
  claimedAt: string | null;
  claimUrl: string;
  receiptUrl: string | null;
};

export async function sentGiftView(gift: GiftRow, origin: string, item?: GiftItem | null): Promise<SentGift> {
  const what = item === undefined ? await giftKind(gift.kind).item(gift.itemId) : item;
  return {
    paymentId: gift.paymentId,
    kind: gift.kind,
    title: what?.title ?? "(no longer available)",
    amountSats: gift.amountSats,
    boughtAt: gift.createdAt.toISOString(),
    claimedAt: gift.claimedAt?.toISOString() ?? null,
    claimUrl: `${origin}/gifts/${gift.token}`,
    receiptUrl: gift.receiptToken ? `${origin}/receipts/${gift.receiptToken}` : null,
  };
}

/** The gift bought with this payment, for its giver only (404 for anyone else, or before it is paid). */
export async function giftOfPayment(paymentId: string, reader: Reader, origin: string): Promise<SentGift> {
  const gift = await findGift({ paymentId });
  if (!gift || !isGiver(gift, reader)) throw notFound("No such gift");
  return sentGiftView(gift, origin);
}

/** One page of the gifts this reader bought (browser or account), newest first, with their status. */
export async function sentGifts(reader: Reader, origin: string, before: Cursor | null = null): Promise<{ items: SentGift[]; older: string | null }> {
  const page = await listSentGifts(reader, before);
  return { items: await Promise.all(page.items.map((gift) => sentGiftView(gift, origin))), older: page.older };
}
