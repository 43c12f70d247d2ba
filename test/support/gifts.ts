import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { waitFor } from "./fixtures";
import { cookieHeader, get, post, postJson } from "./http";

// Gift links over HTTP, as a browser uses them: a browser (buyer cookie), buying a gift through
// POST /api/gifts and the dev wallet, and claiming one.

/** A new browser: its first request to a page that needs one sets the buyer cookie. */
export async function newBrowser(baseUrl: string): Promise<string> {
  return cookieHeader((await get(`${baseUrl}/library`)).cookies);
}

/** Buys a gift from this browser and waits for it; returns its payment id and claim token. */
export async function buyGift(baseUrl: string, cookie: string, kind: string, id: string) {
  const started = await postJson(`${baseUrl}/api/gifts`, { kind, id }, { cookie });
  expect(started.status, started.text).toBe(200);
  const { paymentId, paymentRequest } = JSON.parse(started.text) as { paymentId: string; paymentRequest: string };
  expect((await postJson(`${baseUrl}/api/dev/wallet/pay`, { invoice: paymentRequest })).status).toBe(200);
  const gift = await waitFor(() => db().gift.findUnique({ where: { paymentId } }), { timeoutMs: 10_000 });
  return { paymentId, token: gift.token };
}

/** POSTs a claim as a JSON client. */
export function claimJson(baseUrl: string, cookie: string, token: string) {
  return post(`${baseUrl}/api/gifts/${token}/claim`, undefined, { cookie, headers: { accept: "application/json" } });
}
