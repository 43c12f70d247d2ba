import "server-only";
import { grant, passEnd } from "@/lib/access/entitlement-queries";
import { PASS, passResource } from "@/lib/access/entitlements";
import { lockForTransaction } from "@/lib/db/dialect";
import { getEnv } from "@/lib/env";
import { NODE_ACCOUNT, SITE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { postJournal } from "@/lib/ledger/ledger-queries";
import { percentOf } from "@/lib/ledger/splits";
import type { PaidPayment, Tx } from "@/lib/payments/paid-action";

// Selling a pass, shared by a purchase for oneself (actions/pass.ts) and a gift (actions/gift.ts):
// the same money, and the same grant (the gift's when it is claimed).

const DAY_MS = 86_400_000;

/** The offer's terms as invoiced: the row is never edited (a change adds a new offer), only deactivated. */
export function offerTerms(tx: Tx, offerId: string) {
  return tx.passOffer.findUniqueOrThrow({ where: { id: offerId }, select: { issuerId: true, days: true } });
}

/**
 * Grants the holder the offer's pass, from their current end of a pass of that issuer when it is
 * still running (renewing early extends), else from `at`. Returns the new end. Grants of one
 * issuer's pass take turns (lock), so two renewals completing at once (two instances, two
 * browsers of one account) each extend the other's end instead of both extending the old one.
 */
export async function grantPass(tx: Tx, entry: { paymentId: string; buyerId: string | null; offerId: string; at: Date }): Promise<Date> {
  const offer = await offerTerms(tx, entry.offerId);
  const resource = passResource(offer.issuerId);
  await lockForTransaction(tx, `pass-grant:${resource}`);
  const current = entry.buyerId ? await passEnd(tx, entry.buyerId, resource) : null;
  const from = current && current > entry.at ? current : entry.at;
  const validUntil = new Date(from.getTime() + offer.days * DAY_MS);
  await grant(tx, { paymentId: entry.paymentId, buyerId: entry.buyerId, kind: PASS, resource, validUntil, at: entry.at });
  return validUntil;
}

/** Money: the site fee, the rest to the author; a site pass is all the site's. */
export async function recordPassSale(tx: Tx, payment: PaidPayment, offerId: string): Promise<void> {
  const { issuerId } = await offerTerms(tx, offerId);
  const received = payment.receivedMsats;
  const fee = issuerId ? percentOf(received, getEnv().SITE_FEE_PERCENT) : received;
  await postJournal(
    tx,
    `payment:${payment.id}`,
    [
      { account: NODE_ACCOUNT, kind: "received", amountMsats: -received },
      { account: SITE_ACCOUNT, kind: "site_fee", amountMsats: fee },
      ...(issuerId ? [{ account: userAccount(issuerId), kind: "sale" as const, amountMsats: received - fee }] : []),
    ],
    { paymentId: payment.id, at: payment.settledAt },
  );
}
