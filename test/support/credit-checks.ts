import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { aliceNode, expectBooksMatchNode } from "./books";
import { waitFor } from "./fixtures";
import { newReaderInvoice } from "./reader";
import { paymentIdIn } from "./http";

// What every fault test proves in the end: each purchase credited exactly once, with its own
// settle index, and the books equal to what alice's node received.

export type Purchase = { cookie: string; invoice: string; paymentId: string };

/** A new reader opens the article through `baseUrl` (the proxy): cookie, invoice, payment id. */
export async function newPurchase(baseUrl: string, slug: string): Promise<Purchase> {
  const reader = await newReaderInvoice(baseUrl, slug);
  return { cookie: reader.cookie, invoice: reader.invoice, paymentId: paymentIdIn(reader.html) };
}

export const completedCount = (articleId: string) => db().payment.count({ where: { articleId, status: "complete" } });

/** Polls until `count` payments of the article are complete; returns when (Date.now()). */
export async function waitForCompleted(articleId: string, count: number, timeoutMs: number): Promise<number> {
  await waitFor(async () => (await completedCount(articleId)) >= count, { timeoutMs, intervalMs: 50 });
  return Date.now();
}

export async function expectEachCreditedOnce(articleId: string, purchases: readonly Purchase[], priceSats: number) {
  const payments = await db().payment.findMany({ where: { articleId }, select: { id: true, status: true, settleIndex: true } });
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
