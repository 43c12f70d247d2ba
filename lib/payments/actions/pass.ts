import "server-only";
import { z } from "zod";
import { grant, passEnd } from "@/lib/access/entitlement-queries";
import { PASS, passResource } from "@/lib/access/entitlements";
import { getEnv } from "@/lib/env";
import { ROW_ID } from "@/lib/http/identifiers";
import { NODE_ACCOUNT, SITE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { postJournal } from "@/lib/ledger/ledger-queries";
import { percentOf } from "@/lib/ledger/splits";
import type { PaidAction } from "@/lib/payments/paid-action";
import { findPassOffer, type PassOffer } from "@/lib/passes/pass-offer-queries";

const passArgs = z.object({ offerId: z.string().regex(ROW_ID) });
type Args = z.infer<typeof passArgs>;

const DAY_MS = 86_400_000;

/**
 * An all-access pass (lib/passes/): N days of every paid article of an author, or of the site.
 * One open purchase per browser and offer; released when paid, so the browser can renew. The
 * grant runs from the holder's current end of a pass of that issuer when it is still running
 * (renewing early extends), else from now. Money: the site fee, the rest to the author; a site
 * pass is all the site's.
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
    // Terms as invoiced: the row is never edited (a change adds a new offer), only deactivated.
    const offer = await tx.passOffer.findUniqueOrThrow({ where: { id: offerId }, select: { issuerId: true, days: true } });
    const resource = passResource(offer.issuerId);
    const current = payment.buyerId ? await passEnd(tx, payment.buyerId, resource) : null;
    const from = current && current > payment.settledAt ? current : payment.settledAt;
    const validUntil = new Date(from.getTime() + offer.days * DAY_MS);
    await grant(tx, { paymentId: payment.id, buyerId: payment.buyerId, kind: PASS, resource, validUntil, at: payment.settledAt });
    const received = payment.receivedMsats;
    const fee = offer.issuerId ? percentOf(received, getEnv().SITE_FEE_PERCENT) : received;
    await postJournal(
      tx,
      `payment:${payment.id}`,
      [
        { account: NODE_ACCOUNT, kind: "received", amountMsats: -received },
        { account: SITE_ACCOUNT, kind: "site_fee", amountMsats: fee },
        ...(offer.issuerId ? [{ account: userAccount(offer.issuerId), kind: "sale" as const, amountMsats: received - fee }] : []),
      ],
      { paymentId: payment.id, at: payment.settledAt },
    );
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
