import "server-only";
import { z } from "zod";
import { GIFT_KIND_NAMES, giftKind, type GiftItem } from "@/lib/gifts/gift-kinds";
import { insertGift } from "@/lib/gifts/gift-queries";
import { ROW_ID } from "@/lib/http/identifiers";
import type { PaidAction } from "@/lib/payments/paid-action";

const giftArgs = z.object({ kind: z.enum(GIFT_KIND_NAMES), id: z.string().regex(ROW_ID) }).strict();
type Args = z.infer<typeof giftArgs>;

/**
 * Buying something (an article, a pass: lib/gifts/gift-kinds.ts) for someone else. Priced and
 * shared exactly as buying it for oneself (the same sale functions). onPaid writes the Gift row
 * with its claim token and grants the giver nothing: the entitlement is written when the link is
 * claimed (lib/gifts/claim-gift.ts). One open gift invoice per browser and item; released when
 * paid, so a giver can buy several.
 */
export const gift = {
  type: "gift" as const,
  args: giftArgs,
  payers: ["browser"],
  async subject({ kind, id }: Args): Promise<GiftItem | null> {
    const item = await giftKind(kind).item(id);
    return item?.onSale ? item : null;
  },
  invoice: (item: GiftItem, _args: Args, siteName: string) => ({
    amountMsats: BigInt(item.priceSats) * 1000n,
    description: `${siteName}: gift: ${item.title}`.slice(0, 200),
  }),
  articleId: ({ kind, id }: Args) => giftKind(kind).articleId(id),
  reuseKey: ({ kind, id }: Args, payer) => `gift:${payer.kind === "browser" ? payer.buyerId : "wallet"}:${kind}:${id}`,
  repeatable: true,
  async onPaid(tx, payment) {
    const { kind, id } = giftArgs.parse(payment.args);
    await giftKind(kind).recordSale(tx, payment, id);
    await insertGift(tx, { paymentId: payment.id, kind, itemId: id, giverBuyerId: payment.buyerId, at: payment.settledAt });
  },
  // The giver's receipt link opens the gift's page (the claim link and its status), never the item.
  async receipt(tx, payment) {
    const { kind, id } = giftArgs.parse(payment.args);
    const item = await giftKind(kind).item(id, tx);
    return item && { title: `a gift: ${item.title}`, linkOpens: "shows the gift link to send and whether it was claimed (it opens nothing to read)", details: [] };
  },
} satisfies PaidAction<Args, GiftItem>;
