import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { aliceNode, expectBooksMatchNode } from "./books";
import { waitFor } from "./fixtures";
import { newReaderInvoice } from "./reader";
import { paymentIdIn } from "./http";

// What every fault test proves in the end: each purchase credited exactly once, with its own
// settle index, and the books equal to what alice's node received.

export type Purchase = { cookie: string; invoice: string; paymentId: string };

/**
 * A new reader opens the article through `baseUrl` (the proxy, or one instance directly with the
 * site's `origin`): cookie, invoice, payment id.
 */
export async function newPurchase(baseUrl: string, slug: string, origin?: string): Promise<Purchase> {
  const started = performance.now();
  const reader = await newReaderInvoice(baseUrl, slug, origin);
  purchaseTimings.push(performance.now() - started);
  return { cookie: reader.cookie, invoice: reader.invoice, paymentId: paymentIdIn(reader.html) };
}

/** How long each newPurchase took (ms): the first page, then the invoice request that makes the invoice on alice. */
export const purchaseTimings: number[] = [];

/** Lines where an instance failed to credit a streamed settlement (left to the slow periodic re-check). */
export const failedCredits = (logs: string) => logs.split("\n").filter((line) => line.includes("settlement stream error"));

type Articles = string | readonly string[];
const ofArticles = (articles: Articles) => ({ articleId: { in: typeof articles === "string" ? [articles] : [...articles] } });

export const completedCount = (articles: Articles) => db().payment.count({ where: { ...ofArticles(articles), status: "complete" } });

/** Polls until `count` payments of the article are complete; returns when (Date.now()). */
export async function waitForCompleted(articles: Articles, count: number, timeoutMs: number): Promise<number> {
  await waitFor(async () => (await completedCount(articles)) >= count, { timeoutMs, intervalMs: 50 });
  return Date.now();
}

export async function expectEachCreditedOnce(articles: Articles, purchases: readonly Purchase[], priceSats: number) {
  const payments = await db().payment.findMany({ where: ofArticles(articles), select: { id: true, status: true, settleIndex: true } });
  expect(payments).toHaveLength(purchases.length);
  expect(payments.filter((payment) => payment.status === "complete")).toHaveLength(purchases.length);
  const indexes = new Set(payments.map((payment) => payment.settleIndex));
  expect([...indexes].every((index) => typeof index === "bigint" && index > 0n)).toBe(true);
  expect(indexes.size).toBe(purchases.length);
  // One "received" ledger entry per payment, of exactly the price: credited once, never twice.
  const received = await db().ledgerEntry.groupBy({ by: ["paymentId"], where: { paymentId: { in: payments.map((payment) => payment.id) }, kind: "received" }, _count: { _all: true }, _sum: { amountMsats: true } });
  expect(received).toHaveLength(purchases.length);
  for (const entry of received) {
    expect(entry._count._all).toBe(1);
    expect(entry._sum.amountMsats).toBe(-BigInt(priceSats) * 1000n);
  }
  await expectBooksMatchNode(aliceNode());
}
