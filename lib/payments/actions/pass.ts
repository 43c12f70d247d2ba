import "server-only";
import { z } from "zod";
import { PASS } from "@/lib/access/entitlements";
import { getEnv } from "@/lib/env";
import { ROW_ID } from "@/lib/http/identifiers";
import type { PaidAction } from "@/lib/payments/paid-action";
import { findPassOffer, type PassOffer } from "@/lib/passes/pass-offer-queries";
import { grantPass, recordPassSale } from "@/lib/passes/pass-sale";

const passArgs = z.object({ offerId: z.string().regex(ROW_ID) });
type Args = z.infer<typeof passArgs>;

/**
 * An all-access pass (lib/passes/): N days of every paid article of an author, or of the site.
 * One open purchase per browser and offer; released when paid, so the browser can renew. The
 * grant runs from the holder's current end of a pass of that issuer when it is still running
 * (renewing early extends), else from now. Money: the site fee, the rest to the author; a site
 * pass is all the site's (lib/passes/pass-sale.ts, shared with gifts).
 */
export const pass = {
  type: "pass" as const,
  args: passArgs,
  payers: ["browser"],
  async subject({ offerId }: Args): Promise<PassOffer | null> {
    const offer = await findPassOffer(offerId);
    return offer && offer.active ? offer : null;
  },
  invoice: (offer: PassOffer, _args: Args, siteName: string) => ({
    amountMsats: BigInt(offer.priceSats) * 1000n,
    description: `${siteName}: ${offer.days}-day pass`.slice(0, 200),
  }),
  articleId: () => null,
  reuseKey: ({ offerId }: Args, payer) => `pass:${payer.kind === "browser" ? payer.buyerId : "wallet"}:${offerId}`,
  repeatable: true,
  async onPaid(tx, payment) {
    const { offerId } = passArgs.parse(payment.args);
    await grantPass(tx, { paymentId: payment.id, buyerId: payment.buyerId, offerId, at: payment.settledAt });
    await recordPassSale(tx, payment, offerId);
  },
  async receipt(tx, payment) {
    const { offerId } = passArgs.parse(payment.args);
    const offer = await tx.passOffer.findUnique({ where: { id: offerId }, select: { issuerId: true, days: true } });
    const entitlement = await tx.entitlement.findFirst({ where: { paymentId: payment.id, kind: PASS }, select: { validUntil: true } });
    if (!offer || !entitlement?.validUntil) return null;
    const issuer = offer.issuerId ? (await tx.profile.findUnique({ where: { userId: offer.issuerId }, select: { displayName: true } }))?.displayName : null;
    return {
      title: `${offer.days}-day pass to every paid article ${offer.issuerId ? `by ${issuer ?? "the author"}` : `on ${getEnv().SITE_NAME}`}`,
      linkOpens: "restores the pass in any browser and lists it in your library",
      details: [`Your pass runs until ${entitlement.validUntil.toISOString().slice(0, 16).replace("T", " ")} UTC.`],
    };
  },
} satisfies PaidAction<Args, PassOffer>;
