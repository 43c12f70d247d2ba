import "server-only";
import { headers } from "next/headers";
import { createLoginChallenge } from "@/lib/auth/login-challenge-queries";
import { encodeLnurl, lnurlCallbackUrl, type ChallengeAction } from "@/lib/auth/lnurl-auth";
import { lndLoginMessage } from "@/lib/auth/lnd-login-message";
import { currentReader } from "@/lib/buyers/reader";
import { isAppError } from "@/lib/errors";
import { qrSvg } from "@/lib/qr/qr-svg";
import { clientAddress } from "@/lib/security/client-address";
import { siteOrigin } from "@/lib/site-origin";

export type PageChallenge =
  | { kind: "first-visit" }
  | { kind: "no-cookies" }
  | { kind: "refused"; message: string }
  | { kind: "ready"; k1: string; lnurl: string; qrSvg: string; expiresAt: string; nodeMessage: string };

/**
 * A fresh challenge for the sign-in (or add-a-key) page, bound to this browser. Like the
 * paywall's invoice, it waits until the browser has shown it keeps the cookie, so clients that
 * keep none (crawlers) make no challenges.
 */
export async function challengeForPage(action: ChallengeAction, userId?: string): Promise<PageChallenge> {
  const reader = await currentReader();
  if (!reader.buyerId) return { kind: "no-cookies" };
  if (reader.freshBuyer) return { kind: "first-visit" };
  const [origin, list] = await Promise.all([siteOrigin(), headers()]);
  try {
    const { k1, expiresAt } = await createLoginChallenge({ action, browserId: reader.buyerId, clientKey: clientAddress(list), userId });
    const lnurl = encodeLnurl(lnurlCallbackUrl(origin, k1, action));
    return {
      kind: "ready",
      k1,
      lnurl,
      qrSvg: await qrSvg(`LIGHTNING:${lnurl}`),
      expiresAt: expiresAt.toISOString(),
      nodeMessage: lndLoginMessage(new URL(origin).host, k1),
    };
  } catch (error) {
    if (isAppError(error)) return { kind: "refused", message: error.message };
    throw error;
  }
}
