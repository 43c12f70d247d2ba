import "server-only";
import { articleResource, READ } from "@/lib/access/entitlements";
import { grant } from "@/lib/access/entitlement-queries";
import { recordArticleSale } from "@/lib/articles/article-sale";
import { db } from "@/lib/db/client";
import type { PaidPayment, Tx } from "@/lib/payments/paid-action";
import { grantPass, recordPassSale } from "@/lib/passes/pass-sale";

// What can be given, one entry per kind: how to find it, sell it (the same money as buying it for
// oneself) and grant it to whoever claims the gift. Giving a file later is one more entry here
// (its sale and its download grant) and its name in GIFT_KINDS.

/** What a gift is, for the invoice, the claim page and the giver's library. Never a paid body. */
export type GiftItem = {
  title: string;
  teaser: string;
  priceSats: number;
  /** Sold now (a new gift can be bought); a gift already paid for is claimable either way. */
  onSale: boolean;
  /** Where the claimer goes once it is theirs (null: nowhere but the gift page, e.g. an offer withdrawn since). */
  location: string | null;
};

type GiftKind = {
  /** Read with `client`: inside the completing transaction (a receipt) only its `tx` may be used. */
  item(id: string, client?: Tx): Promise<GiftItem | null>;
  /** Payment.articleId of the gift's payment: a withdrawn article stops new gifts of it. */
  articleId(id: string): string | null;
  /** The money, in the completing transaction of the giver's payment. */
  recordSale(tx: Tx, payment: PaidPayment, id: string): Promise<void>;
  /** The claimer's entitlement, in the claiming transaction, under the gift's payment. */
  grant(tx: Tx, entry: { paymentId: string; buyerId: string; id: string; at: Date }): Promise<void>;
};

const article: GiftKind = {
  async item(id, client = db()) {
    const row = await client.article.findUnique({ where: { id }, select: { slug: true, title: true, teaser: true, priceSats: true, status: true } });
    if (!row) return null;
    return { title: row.title, teaser: row.teaser, priceSats: row.priceSats, onSale: row.status === "visible" && row.priceSats > 0, location: `/articles/${row.slug}` };
  },
  articleId: (id) => id,
  recordSale: (tx, payment, id) => recordArticleSale(tx, payment, id),
  grant: (tx, { paymentId, buyerId, id, at }) => grant(tx, { paymentId, buyerId, kind: READ, resource: articleResource(id), articleId: id, at }),
};

const pass: GiftKind = {
  async item(id, client = db()) {
    const offer = await client.passOffer.findUnique({ where: { id }, select: { issuerId: true, priceSats: true, days: true, active: true } });
    if (!offer) return null;
    const issuer = offer.issuerId ? await client.profile.findUnique({ where: { userId: offer.issuerId }, select: { displayName: true } }) : null;
    const name = offer.issuerId ? (issuer?.displayName ?? "an author") : null;
    return {
      title: name ? `${name}'s pass: ${offer.days} days` : `Site pass: ${offer.days} days`,
      teaser: name ? `${offer.days} days of every paid article by ${name}.` : `${offer.days} days of every paid article on the site.`,
      priceSats: offer.priceSats,
      onSale: offer.active,
      location: offer.active ? `/passes/${id}` : null,
    };
  },
  articleId: () => null,
  recordSale: (tx, payment, id) => recordPassSale(tx, payment, id),
  grant: async (tx, { paymentId, buyerId, id, at }) => void (await grantPass(tx, { paymentId, buyerId, offerId: id, at })),
};

export const GIFT_KINDS = { article, pass } as const;
export type GiftKindName = keyof typeof GIFT_KINDS;
export const GIFT_KIND_NAMES = Object.keys(GIFT_KINDS) as [GiftKindName, ...GiftKindName[]];

export function giftKind(name: string): GiftKind {
  if (!Object.hasOwn(GIFT_KINDS, name)) throw new Error(`unknown gift kind: ${name}`);
  return GIFT_KINDS[name as GiftKindName];
}
