import "server-only";
import { NextResponse } from "next/server";
import type { L402Target } from "@/lib/l402/l402-caveats";
import { challengeHeader } from "@/lib/l402/l402-header";
import { type CredentialOutcome, newChallenge } from "@/lib/l402/l402-access";

// The answers the L402 API (articles and files) shares: a refused credential, and the 402
// challenge with its invoice. Never cached: each is for one client.

export const NO_STORE = { "Cache-Control": "no-store" } as const;

type Refusal = Extract<CredentialOutcome, { kind: "refused" }>;

export function refused(code: string, message: string) {
  // RFC 9110: a 401 names the scheme to use; no invoice is made for a malformed or forged credential.
  return NextResponse.json({ error: { code, message } }, { status: 401, headers: { ...NO_STORE, "WWW-Authenticate": `L402 error="${code}"` } });
}

/** A real token past its time or its key may be paid again (a new challenge); anything else is a 401. */
export function renewable(refusal: Refusal): boolean {
  return refusal.code === "l402_expired" || refusal.code === "l402_revoked";
}

/** 402 with a new invoice for the target and its macaroon; `metadata` is the public part shown beside it. */
export async function paymentRequired(target: L402Target, metadata: object, clientAddress: string, previous: { code: string; message: string } | null) {
  const challenge = await newChallenge(target, clientAddress);
  return NextResponse.json(
    {
      ...metadata,
      error: previous ?? { code: "payment_required", message: "Pay the invoice, then send Authorization: L402 <macaroon>:<preimage>." },
      l402: {
        macaroon: challenge.macaroon,
        invoice: challenge.invoice,
        paymentHash: challenge.paymentHash,
        amountSats: challenge.amountSats,
        invoiceExpiresAt: challenge.invoiceExpiresAt.toISOString(),
        tokenValidUntil: challenge.tokenValidUntil.toISOString(),
        howTo: "Pay the invoice with any Lightning wallet; it reveals a 64-hex-character preimage. Retry this request with the header Authorization: L402 <macaroon>:<preimage>.",
      },
    },
    { status: 402, headers: { ...NO_STORE, "WWW-Authenticate": challengeHeader(challenge.macaroon, challenge.invoice) } },
  );
}
