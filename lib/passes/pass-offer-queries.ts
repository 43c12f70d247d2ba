import "server-only";
import { invalidatePages, PASS_OFFERS_TAG } from "@/lib/cache/page-cache";
import { db } from "@/lib/db/client";
import { lockForTransaction } from "@/lib/db/dialect";
import type { Prisma } from "@/lib/generated/prisma/client";

// Pass offers (PassOffer): one active offer per issuer (the site: issuerId null; an author: their
// user id). Changing terms deactivates the old row and adds a new one in one transaction, so a
// payment's args always point at the terms it was invoiced with.

export type PassOffer = { id: string; issuerId: string | null; priceSats: number; days: number; active: boolean };
const SELECT = { id: true, issuerId: true, priceSats: true, days: true, active: true } as const;

export async function findPassOffer(id: string): Promise<PassOffer | null> {
  return db().passOffer.findUnique({ where: { id }, select: SELECT });
}

/** The issuer's offer on sale, if any. */
export async function activePassOffer(issuerId: string | null): Promise<PassOffer | null> {
  return db().passOffer.findFirst({ where: { issuerId, active: true }, select: SELECT, orderBy: { createdAt: "desc" } });
}

/**
 * Sets (terms) or withdraws (null) the issuer's offer; returns the new active offer. Changes of one
 * issuer's offer take turns (lock), so two at once leave one active offer, not two.
 */
export async function setPassOffer(issuerId: string | null, terms: { priceSats: number; days: number } | null): Promise<PassOffer | null> {
  const offer = await db().$transaction(async (tx: Prisma.TransactionClient) => {
    await lockForTransaction(tx, `pass-offer:${issuerId ?? "site"}`);
    await tx.passOffer.updateMany({ where: { issuerId, active: true }, data: { active: false } });
    return terms ? tx.passOffer.create({ data: { issuerId, ...terms }, select: SELECT }) : null;
  });
  // Paywalls list the offers (lib/articles/article-shell.ts).
  invalidatePages([PASS_OFFERS_TAG]);
  return offer;
}
