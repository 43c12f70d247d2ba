import "server-only";
import { headers } from "next/headers";
import { findCompletedPurchase, getPaidBody } from "@/lib/articles/article-access";
import type { PublicArticle } from "@/lib/articles/article-queries";
import { currentReader } from "@/lib/buyers/reader";
import { prepareViewPayment, type PaywallState } from "@/lib/payments/view-payment";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { clientAddress } from "@/lib/security/client-address";

export type ReaderView =
  | { kind: "free"; body: string }
  | { kind: "purchased"; body: string; paymentId: string; receiptToken: string | null }
  | { kind: "paywall"; paywall: Exclude<PaywallState, { kind: "paid" }> }
  | { kind: "no-reader" }
  | { kind: "first-visit" }
  | { kind: "removed" }
  | { kind: "unpublished" };

/** What this reader gets of the article: the body only when free or paid, else a paywall. */
export async function readerView(article: PublicArticle): Promise<ReaderView> {
  if (article.status === "deleted_by_admin") return withdrawnView(article.id, "removed");
  if (article.status !== "visible") return withdrawnView(article.id, "unpublished");
  if (article.priceSats === 0) return { kind: "free", body: await getPaidBody(article.id, { free: true }) };
  const reader = await currentReader();
  const purchase = await findCompletedPurchase(article.id, reader);
  if (purchase) return purchased(article.id, purchase.id, purchase.receiptToken);
  // proxy.ts gives every article visitor a buyer id; none means cookies are off.
  if (!reader.buyerId) return { kind: "no-reader" };
  // The invoice comes with the next request, once the browser has sent the cookie back.
  if (reader.freshBuyer) return { kind: "first-visit" };
  let paywall: PaywallState;
  try {
    paywall = await prepareViewPayment(reader.buyerId, article, clientAddress(await headers()));
  } catch (error) {
    // An invoice cap (lib/payments/invoice-caps.ts): the paywall says so and offers a retry.
    if (isAppError(error) && error.code === "busy") return { kind: "paywall", paywall: { kind: "busy", message: error.message } };
    throw error;
  }
  if (paywall.kind === "paid") {
    const payment = await db().payment.findUniqueOrThrow({ where: { id: paywall.paymentId }, select: { receiptToken: true } });
    return purchased(article.id, paywall.paymentId, payment.receiptToken);
  }
  return { kind: "paywall", paywall };
}

/**
 * An article removed by the admins or unpublished by its author is no longer sold: no invoice,
 * no body for anyone (free articles included), except readers who bought it before, who keep
 * what they paid for.
 */
async function withdrawnView(articleId: string, kind: "removed" | "unpublished"): Promise<ReaderView> {
  const purchase = await findCompletedPurchase(articleId, await currentReader());
  return purchase ? purchased(articleId, purchase.id, purchase.receiptToken) : { kind };
}

async function purchased(articleId: string, paymentId: string, receiptToken: string | null): Promise<ReaderView> {
  return { kind: "purchased", body: await getPaidBody(articleId, { paymentId }), paymentId, receiptToken };
}
