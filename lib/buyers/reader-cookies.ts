import "server-only";
import { randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";
import { ROW_ID } from "@/lib/http/identifiers";
import { appSecret } from "@/lib/security/app-secret";
import { signValue, verifySignedValue } from "@/lib/security/signed-value";

// A reader needs no account: purchases are bound to the browser by an httpOnly signed cookie
// holding a random buyer id. Receipt links add payment ids to a second signed cookie, which
// grants those purchases on another device without revealing the original buyer's identity.
export const BUYER_COOKIE = "lp_buyer";
export const RECEIPTS_COOKIE = "lp_receipts";
/** Set by proxy.ts on the request whose buyer cookie it has just minted (never trusted from clients). */
export const FRESH_BUYER_HEADER = "x-lp-fresh-buyer";
const MAX_RECEIPTS = 50;
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

const BUYER_ID = /^b_[A-Za-z0-9_-]{22}$/;

export function newBuyerId(): string {
  return `b_${randomBytes(16).toString("base64url")}`;
}

export function signBuyerId(buyerId: string): string {
  return signValue(appSecret(), BUYER_COOKIE, buyerId);
}

export function readBuyerId(cookieValue: string | undefined): string | null {
  const value = verifySignedValue(appSecret(), BUYER_COOKIE, cookieValue);
  return value && BUYER_ID.test(value) ? value : null;
}

export function readReceiptGrants(cookieValue: string | undefined): string[] {
  const value = verifySignedValue(appSecret(), RECEIPTS_COOKIE, cookieValue);
  if (!value) return [];
  return value.split(",").filter((id) => ROW_ID.test(id)).slice(0, MAX_RECEIPTS);
}

export function signReceiptGrants(paymentIds: string[]): string {
  const unique = [...new Set(paymentIds)].slice(-MAX_RECEIPTS);
  return signValue(appSecret(), RECEIPTS_COOKIE, unique.join(","));
}

/**
 * Secure follows SITE_URL when set: behind a TLS-terminating proxy the request itself is http,
 * but the browser is on https. Without it (development), the request's own scheme.
 */
export function readerCookieOptions(requestIsHttps: boolean) {
  const siteUrl = getEnv().SITE_URL;
  const secure = siteUrl ? siteUrl.startsWith("https:") : requestIsHttps;
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: ONE_YEAR_SECONDS };
}
