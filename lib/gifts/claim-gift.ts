import "server-only";
import type { Reader } from "@/lib/buyers/reader";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { giftKind, type GiftItem } from "@/lib/gifts/gift-kinds";
import { findGift, type GiftRow, markClaimed } from "@/lib/gifts/gift-queries";
import { isClaimer, isGiver } from "@/lib/gifts/gifts";
import { GIFT_TOKEN } from "@/lib/http/identifiers";

// Claiming a gift link: only ever by POST (link previews and mail scanners GET links), one
// conditional UPDATE of the Gift row and the claimer's entitlement in the same transaction, so
// any number of concurrent claims make exactly one entitlement and the rest a 409.

const unknownGift = () => notFound("No such gift. Check the link you were sent.", "unknown_gift");

/** The gift behind a claim token (404 for a malformed or unknown one) and what it is. */
export async function giftByToken(token: string): Promise<{ gift: GiftRow; item: GiftItem | null }> {
  if (!GIFT_TOKEN.test(token)) throw unknownGift();
  const gift = await findGift({ token });
  if (!gift) throw unknownGift();
  return { gift, item: await giftKind(gift.kind).item(gift.itemId) };
}

/** What the claim page shows this reader. */
export async function claimPageView(token: string, reader: Reader) {
  const { gift, item } = await giftByToken(token);
  return { gift, item, fromYou: isGiver(gift, reader), claimedByYou: gift.claimedAt !== null && isClaimer(gift, reader) };
}

/**
 * Claims the gift for this browser (a signed-in reader's account holds it). Returns where to go:
 * the article, the pass page, or the gift page. Claimed already by this very browser (a double
 * click, a resubmitted form): the same answer, with no second entitlement. By anyone else: 409.
 */
export async function claimGift(token: string, reader: Reader): Promise<{ location: string; already: boolean }> {
  const { gift, item } = await giftByToken(token);
  const location = item?.location ?? `/gifts/${token}`;
  const buyerId = reader.buyerId;
  if (!buyerId) throw new AppError(400, "Enable cookies to claim this gift: it is kept by this browser.", "no_buyer");
  const at = new Date();
  const claimed =
    gift.claimedAt === null &&
    (await db().$transaction(async (tx) => {
      if (!(await markClaimed(tx, gift.id, buyerId, at))) return false;
      await giftKind(gift.kind).grant(tx, { paymentId: gift.paymentId, buyerId, id: gift.itemId, at });
      return true;
    }));
  if (claimed) return { location, already: false };
  const now = await findGift({ token });
  if (now && isClaimer(now, reader)) return { location, already: true };
  throw new AppError(409, "This gift has already been claimed. A gift link works once: whoever opens it first gets it.", "already_claimed");
}
