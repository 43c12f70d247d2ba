import "server-only";
import { findGift, type GiftRow } from "@/lib/gifts/gift-queries";

// The giver's receipt link (the gift payment's receipt token) opens the gift's own page: the claim
// link and whether it was claimed. It grants nothing to read.
const RECEIPT_TOKEN = /^[A-Za-z0-9_-]{32}$/;

export async function giftByReceipt(token: string): Promise<GiftRow | null> {
  return RECEIPT_TOKEN.test(token) ? findGift({ receiptToken: token }) : null;
}

export async function isGiftReceipt(token: string): Promise<boolean> {
  return (await giftByReceipt(token)) !== null;
}
