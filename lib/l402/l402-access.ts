import "server-only";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { L402Target } from "@/lib/l402/l402-caveats";
import { parseAuthorization } from "@/lib/l402/l402-header";
import { mintMacaroon, type Refused, verifyCredential } from "@/lib/l402/l402-macaroon";
import { currentRootKey, rootKeySecret } from "@/lib/l402/root-keys";
import type { ActionType } from "@/lib/payments/actions";
import { preparePayment } from "@/lib/payments/open-payment";

// The L402 side of a request: the credential it carries (verified without a node call), or a new
// challenge (an invoice on the engine, payer kind "machine", and a macaroon bound to its hash).

/**
 * The paid actions by what they sell (lib/payments/actions/machine-view.ts, machine-file.ts): their
 * registry types, also their payments' purposes.
 */
export const L402_SALES: Record<L402Target["kind"], ActionType> = { article: "machine_view", file: "machine_file" };

/** A credential that verified: only verifyRequest makes one, and only it opens the body or file. */
export type VerifiedAccess = { readonly target: L402Target; readonly paymentHash: string; readonly purpose: string; readonly validUntil: number };

export type CredentialOutcome = { kind: "none" } | { kind: "verified"; access: VerifiedAccess } | { kind: "refused"; code: Refused["code"]; message: string };

export async function verifyRequest(headers: Headers, target: L402Target): Promise<CredentialOutcome> {
  const parsed = parseAuthorization(headers.get("authorization"));
  if (parsed.kind === "none") return parsed;
  if (parsed.kind === "malformed") return { kind: "refused", code: "l402_malformed", message: parsed.message };
  const result = await verifyCredential(parsed.credential, target, rootKeySecret);
  if (!result.ok) return { kind: "refused", code: result.code, message: result.message };
  return { kind: "verified", access: { target, paymentHash: result.paymentHash, purpose: L402_SALES[target.kind], validUntil: result.validUntil } };
}

export type Challenge = { macaroon: string; invoice: string; paymentHash: string; amountSats: number; invoiceExpiresAt: Date; tokenValidUntil: Date };

/**
 * A new invoice for the article or file (every challenge is a new payment, under the invoice caps by
 * client address and site-wide) and its macaroon. Throws AppError: 404 not on sale, 429 busy,
 * 503 Lightning unavailable.
 */
export async function newChallenge(target: L402Target, clientAddress: string): Promise<Challenge> {
  const args = target.kind === "article" ? { articleId: target.id } : { fileId: target.id };
  const state = await preparePayment(L402_SALES[target.kind], args, { kind: "machine" }, clientAddress);
  if (state.kind === "busy") throw new AppError(429, state.message, "busy");
  if (state.kind !== "waiting") throw new AppError(503, state.kind === "unavailable" ? state.message : "Try again in a moment.", "lightning_unavailable");
  const validUntil = Math.floor(Date.now() / 1000) + getEnv().L402_TOKEN_SECONDS;
  const macaroon = mintMacaroon(await currentRootKey(), state.paymentHash, target, validUntil);
  return {
    macaroon,
    invoice: state.paymentRequest,
    paymentHash: state.paymentHash,
    amountSats: state.amountSats,
    invoiceExpiresAt: state.expiresAt,
    tokenValidUntil: new Date(validUntil * 1000),
  };
}
