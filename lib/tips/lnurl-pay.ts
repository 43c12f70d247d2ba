import "server-only";
import { encodeLnurl } from "@/lib/auth/lnurl-auth";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { parseLightningName } from "@/lib/tips/lightning-name";
import { tipMetadata, type TipRecipient } from "@/lib/tips/tip-metadata";
import { recipientByName } from "@/lib/tips/tip-queries";

// LNURL-pay for Lightning Addresses (LUD-06, LUD-16, LUD-12 comments). A wallet paying
// name@host GETs https://host/.well-known/lnurlp/name (the payRequest below), shows the
// metadata and the range, then GETs the callback with the amount (and comment) for an invoice.

export const lnurlpPath = (name: string) => `/.well-known/lnurlp/${name}`;
const callbackPath = (name: string) => `/api/lnurlp/${name}/callback`;

/** The bech32 LNURL of an author's payRequest (what the author page's QR code holds). */
export function tipLnurl(origin: string, name: string): string {
  return encodeLnurl(`${origin}${lnurlpPath(name)}`);
}

/** The recipient of name@host, or the 404 a wallet shows for an unknown address. */
export async function tipRecipient(rawName: string): Promise<TipRecipient> {
  const name = parseLightningName(rawName);
  const recipient = name ? await recipientByName(name) : null;
  if (!recipient) throw notFound("No such Lightning Address on this site", "unknown_address");
  return recipient;
}

export async function payRequest(rawName: string, origin: string): Promise<Record<string, unknown>> {
  const recipient = await tipRecipient(rawName);
  return payRequestBody(`${origin}${callbackPath(recipient.lightningName)}`, tipMetadata(recipient, getEnv().SITE_NAME, new URL(origin).host));
}

/** The LUD-06 payRequest every tip answers with (an author's address or an article): one range, one comment limit. */
export function payRequestBody(callback: string, metadata: string): Record<string, unknown> {
  const env = getEnv();
  return { tag: "payRequest", callback, minSendable: env.TIP_MIN_SATS * 1000, maxSendable: env.TIP_MAX_SATS * 1000, metadata, commentAllowed: env.TIP_COMMENT_MAX };
}

export type TipRequest = { amountMsats: number; comment?: string };

/** The callback's query, checked before anything reaches the node: a clear 400 for each refusal. */
export function parseTipRequest(query: URLSearchParams): TipRequest {
  const env = getEnv();
  const amount = query.get("amount");
  if (amount === null || !/^\d{1,16}$/.test(amount)) throw new AppError(400, "amount must be a whole number of millisatoshis", "invalid_amount");
  const amountMsats = Number(amount);
  if (amountMsats < env.TIP_MIN_SATS * 1000 || amountMsats > env.TIP_MAX_SATS * 1000) {
    throw new AppError(400, `amount must be between ${env.TIP_MIN_SATS} and ${env.TIP_MAX_SATS} sats (${env.TIP_MIN_SATS * 1000} to ${env.TIP_MAX_SATS * 1000} msats)`, "amount_out_of_range");
  }
  // Payments and the ledger's shares are priced in whole sats here; a fraction would be lost.
  if (amountMsats % 1000 !== 0) throw new AppError(400, "amount must be a whole number of sats (a multiple of 1000 msats): this site does not take fractions of a sat", "fractional_sats");
  const comment = query.get("comment") ?? "";
  if (comment === "") return { amountMsats };
  const length = Array.from(comment).length;
  if (length > env.TIP_COMMENT_MAX) {
    const limit = env.TIP_COMMENT_MAX === 0 ? "this address takes no comments" : `at most ${env.TIP_COMMENT_MAX} characters`;
    throw new AppError(400, `comment too long (${length} characters; ${limit})`, "comment_too_long");
  }
  return { amountMsats, comment };
}
