import "server-only";
import { headers } from "next/headers";
import { findReadAccess, type ArticleAccess } from "@/lib/access/entitlement-queries";
import { getPaidBody } from "@/lib/articles/article-access";
import type { PublicArticle } from "@/lib/articles/article-queries";
import { currentReader } from "@/lib/buyers/reader";
import { preparePayment, type PaymentState } from "@/lib/payments/open-payment";
import { isAppError } from "@/lib/errors";
import { clientAddress } from "@/lib/security/client-address";

export type ReaderView =
  | { kind: "free"; body: string }
  | { kind: "purchased"; body: string; paymentId: string; receiptToken: string | null; passUntil: Date | null }
  | { kind: "paywall"; paywall: Exclude<PaymentState, { kind: "paid" }> }
  | { kind: "no-reader" }
  | { kind: "first-visit" }
  | { kind: "removed" }
  | { kind: "unpublished" };

/**
 * What this reader gets of the article: the body only when free or paid, else a paywall.
 * `freeBody`: the body of a free article when already read (with its price-is-zero condition).
 */
export async function readerView(article: PublicArticle, freeBody: string | null = null): Promise<ReaderView> {
  if (article.status === "deleted_by_admin") return withdrawnView(article.id, "removed");
  if (article.status !== "visible") return withdrawnView(article.id, "unpublished");
  if (article.priceSats === 0) return { kind: "free", body: freeBody ?? (await getPaidBody(article.id, { free: true })) };
  const reader = await currentReader();
  const access = await findReadAccess(article.id, reader);
  if (access) return purchased(article.id, access);
  // proxy.ts gives every article visitor a buyer id; none means cookies are off.
  if (!reader.buyerId) return { kind: "no-reader" };
  // The invoice comes with the next request, once the browser has sent the cookie back.
  if (reader.freshBuyer) return { kind: "first-visit" };
  let paywall: PaymentState;
  try {
    paywall = await preparePayment("view", { articleId: article.id }, { kind: "browser", buyerId: reader.buyerId }, clientAddress(await headers()));
  } catch (error) {
    // An invoice cap (lib/payments/invoice-cap-queries.ts): the paywall says so and offers a retry.
    if (isAppError(error) && error.code === "busy") return { kind: "paywall", paywall: { kind: "busy", message: error.message } };
    throw error;
  }
  if (paywall.kind === "paid") {
    // Completed by the settlement that raced this page: its entitlement is there by now.
    const granted = await findReadAccess(article.id, reader);
    if (granted) return purchased(article.id, granted);
    return { kind: "paywall", paywall: { kind: "unavailable", message: "This payment grants no reading." } };
  }
  return { kind: "paywall", paywall };
}

/**
 * An article removed by the admins or unpublished by its author is no longer sold: no invoice,
 * no body for anyone (free articles included), except readers who bought it before, who keep
 * what they paid for.
 */
async function withdrawnView(articleId: string, kind: "removed" | "unpublished"): Promise<ReaderView> {
  const access = await findReadAccess(articleId, await currentReader());
  return access ? purchased(articleId, access) : { kind };
}

async function purchased(articleId: string, access: ArticleAccess): Promise<ReaderView> {
  const body = await getPaidBody(articleId, { entitlementId: access.entitlementId });
  return { kind: "purchased", body, paymentId: access.paymentId, receiptToken: access.receiptToken, passUntil: access.passUntil };
}
