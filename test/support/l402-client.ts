import { expect } from "vitest";
import { get, postJson, type RawResponse } from "@/test/support/http";

// The client side of an L402 request by hand: read the 402 challenge, pay its invoice with the
// dev wallet, build the credential.

export type Challenge = { macaroon: string; invoice: string; json: Record<string, unknown> };

export function readChallenge(response: RawResponse): Challenge {
  expect(response.status).toBe(402);
  const header = response.headers.get("www-authenticate") ?? "";
  const match = /^L402 macaroon="([A-Za-z0-9+/=]+)", token="\1", invoice="(ln[a-z0-9]+)"$/.exec(header);
  expect(match, header).not.toBeNull();
  return { macaroon: match![1]!, invoice: match![2]!, json: JSON.parse(response.text) as Record<string, unknown> };
}

/** Pays with the dev wallet; the preimage is the proof of payment. */
export async function payDevInvoice(baseUrl: string, invoice: string): Promise<string> {
  const paid = await postJson(`${baseUrl}/api/dev/wallet/pay`, { invoice });
  expect(paid.status, paid.text).toBe(200);
  return (JSON.parse(paid.text) as { preimage: string }).preimage;
}

export const withCredential = (url: string, authorization: string) => get(url, { headers: { authorization } });
