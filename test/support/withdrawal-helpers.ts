import { createHash, randomBytes } from "node:crypto";
import bolt11 from "bolt11";
import { db } from "@/lib/db/client";
import { balanceMsats } from "@/lib/ledger/ledger-queries";
import { send } from "./authors";
import { waitFor } from "./fixtures";
import { newReaderInvoice } from "./reader";
import { decodeLnurl } from "./wallet";
import type { Actor } from "./authors";

// Helpers of the withdrawal tests: an author who earned by real sales, invoices from elsewhere,
// and the wallet's side of LNURL-withdraw.

export const balanceOf = (actor: Actor) => balanceMsats(actor.userId!);

export async function waitForWithdrawal(where: { paymentHash?: string; id?: string; paymentRequest?: string; userId?: string }, status: string, timeoutMs = 20_000) {
  return waitFor(async () => {
    const row = await db().withdrawal.findFirst({ where });
    return row?.status === status ? row : null;
  }, { timeoutMs, intervalMs: 100 });
}

/** A signed BOLT11 invoice from a random node on the given network (foreign to every test node). */
export function foreignInvoice(input: { network: "bc" | "bcrt"; amountMsats: bigint | null; expirySeconds?: number }): string {
  const privateKey = randomBytes(32).toString("hex");
  const unsigned = bolt11.encode({
    network: { bech32: input.network, pubKeyHash: 0x6f, scriptHash: 0xc4, validWitnessVersions: [0, 1] },
    ...(input.amountMsats !== null && { millisatoshis: input.amountMsats.toString() }),
    timestamp: Math.floor(Date.now() / 1000),
    tags: [
      { tagName: "payment_hash", data: createHash("sha256").update(randomBytes(32)).digest("hex") },
      { tagName: "payment_secret", data: randomBytes(32).toString("hex") },
      { tagName: "description", data: "elsewhere" },
      { tagName: "expire_time", data: input.expirySeconds ?? 3600 },
    ],
  });
  return bolt11.sign(unsigned, privateKey).paymentRequest!;
}

export type WithdrawRequest = { tag: string; callback: string; k1: string; defaultDescription: string; minWithdrawable: number; maxWithdrawable: number };

/** What a wallet does with an LNURL-withdraw: read the request, then call back with its invoice. */
export async function readWithdrawRequest(lnurl: string): Promise<{ status: number; body: WithdrawRequest & { status?: string; reason?: string } }> {
  const response = await fetch(decodeLnurl(lnurl));
  return { status: response.status, body: await response.json() };
}

export async function callBack(request: { callback: string; k1: string }, pr: string, k1 = request.k1) {
  const url = new URL(request.callback);
  url.searchParams.set("k1", k1);
  url.searchParams.set("pr", pr);
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
}

/** An article of the author's sold `count` times through the site, each paid by `pay` (a reader's wallet). */
export async function sellArticle(baseUrl: string, authorId: string, priceSats: number, count: number, pay: (invoice: string) => Promise<unknown>) {
  const article = await db().article.create({
    data: { slug: `earned-${randomBytes(4).toString("hex")}`, title: "Earned", teaser: "t", body: "b", priceSats, status: "visible", publishedAt: new Date(), authorId },
  });
  for (let i = 0; i < count; i++) {
    const reader = await newReaderInvoice(baseUrl, article.slug);
    await pay(reader.invoice);
    await waitFor(async () => (await db().payment.findFirst({ where: { paymentRequest: reader.invoice } }))?.status === "complete", { timeoutMs: 20_000, intervalMs: 100 });
  }
  return article;
}

/** The dev wallet paying a site invoice (development node), as the paywall's button does. */
export async function payWithDevWalletEndpoint(baseUrl: string, invoice: string) {
  const paid = await send(baseUrl, { name: "wallet", cookie: "", userId: null }, "POST", "/api/dev/wallet/pay", { invoice });
  if (paid.status !== 200) throw new Error(`dev wallet refused: ${paid.status} ${paid.text}`);
}
