import { expect } from "vitest";
import { get } from "@/test/support/http";
import { callbackFor, invoiceCommitment, sha256Hex } from "@/test/support/lightning-address-wallet";

// The wallet side of an article tip (plain LUD-06, no Lightning Address): read the payRequest the
// article's LNURL points at, check what a wallet checks, ask the callback for an invoice and check
// that it commits to sha256(metadata) for the amount asked.

export type PayRequest = { tag: string; callback: string; minSendable: number; maxSendable: number; metadata: string; commentAllowed: number };

export async function lnurlGet(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await get(url);
  return { status: response.status, body: JSON.parse(response.text) as Record<string, unknown> };
}

export async function fetchPayRequest(url: string): Promise<PayRequest> {
  const { status, body } = await lnurlGet(url);
  expect(status, JSON.stringify(body)).toBe(200);
  expect(body.tag).toBe("payRequest");
  return body as PayRequest;
}

/** What a careful wallet does with the payRequest: an invoice for amountMsats, checked. */
export async function requestTipInvoice(payRequest: PayRequest, amountMsats: number, comment?: string): Promise<{ paymentRequest: string; paymentHash: string; successMessage: string }> {
  expect(amountMsats).toBeGreaterThanOrEqual(payRequest.minSendable);
  expect(amountMsats).toBeLessThanOrEqual(payRequest.maxSendable);
  const { status, body } = await lnurlGet(callbackFor(payRequest.callback, String(amountMsats), comment));
  expect(status, JSON.stringify(body)).toBe(200);
  const paymentRequest = body.pr as string;
  const commitment = invoiceCommitment(paymentRequest);
  expect(commitment.millisatoshis).toBe(BigInt(amountMsats));
  expect(commitment.description).toBeUndefined();
  expect(commitment.descriptionHash).toBe(sha256Hex(payRequest.metadata));
  return { paymentRequest, paymentHash: commitment.paymentHash, successMessage: (body.successAction as { message: string }).message };
}
