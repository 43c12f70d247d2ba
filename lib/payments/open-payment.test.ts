import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { payWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet";
import { lightning } from "@/lib/lightning/lightning";
import { startSettlementWatcher } from "@/lib/payments/settlement-watcher";
import { attachInvoice, markExpired, markSettled, resetForRenewal } from "@/lib/payments/transitions";
import { prepareViewPayment } from "@/test/support/view-payment";
import { buyerId, createArticle, waitFor } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

let stopWatcher: (() => void) | undefined;

beforeEach(async () => {
  await useFreshDatabase({ INVOICE_EXPIRY_SECONDS: "900", PENDING_RECHECK_SECONDS: "3600" });
});
afterEach(() => {
  stopWatcher?.();
  stopWatcher = undefined;
});

function watch() {
  stopWatcher = startSettlementWatcher().stop;
}

async function waiting(buyer: string, article: { id: string; title: string; priceSats: number }) {
  const state = await prepareViewPayment(buyer, article);
  if (state.kind !== "waiting") throw new Error(`expected a waiting paywall, got ${state.kind}`);
  return state;
}

const statusOf = async (paymentId: string) => (await db().payment.findUniqueOrThrow({ where: { id: paymentId } })).status;

describe("view payment lifecycle", () => {
  it("moves pending_invoice -> pending_payment -> complete when the dev wallet pays", async () => {
    const article = await createArticle({ priceSats: 1000 });
    const buyer = buyerId();
    watch();
    const state = await waiting(buyer, article);
    expect(state.paymentRequest).toMatch(/^lnbcrt10u1/);
    expect(state.amountSats).toBe(1000);
    expect(await statusOf(state.paymentId)).toBe("pending_payment");

    await payWithDevWallet(state.paymentRequest);
    await waitFor(async () => (await statusOf(state.paymentId)) === "complete");
    const payment = await db().payment.findUniqueOrThrow({ where: { id: state.paymentId } });
    expect(payment.settleIndex).toBe(1n);
    expect(payment.settledAt).toBeInstanceOf(Date);
    expect(payment.receiptToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await prepareViewPayment(buyer, article)).toEqual({ kind: "paid", paymentId: state.paymentId });
  });

  it("credits a settlement seen twice, or many times at once, exactly once", async () => {
    const article = await createArticle({ priceSats: 21 });
    const state = await waiting(buyerId(), article);
    const paid = await payWithDevWallet(state.paymentRequest);
    const settlement = { paymentHash: state.paymentHash, settleIndex: paid.settleIndex, settledAt: new Date(paid.settledAt), receivedMsats: 21_000n };

    expect(await markSettled(settlement)).toBe(state.paymentId);
    const token = (await db().payment.findUniqueOrThrow({ where: { id: state.paymentId } })).receiptToken;
    expect(await markSettled(settlement)).toBeNull();
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => markSettled(settlement)));
    expect(concurrent.filter(Boolean)).toHaveLength(0);
    expect((await db().payment.findUniqueOrThrow({ where: { id: state.paymentId } })).receiptToken).toBe(token);
  });

  it("lets exactly one of many concurrent first settle events win", async () => {
    const article = await createArticle({ priceSats: 5 });
    const state = await waiting(buyerId(), article);
    await payWithDevWallet(state.paymentRequest);
    const settlement = { paymentHash: state.paymentHash, settleIndex: 1, settledAt: new Date(), receivedMsats: 5000n };
    const results = await Promise.all(Array.from({ length: 25 }, () => markSettled(settlement)));
    expect(results.filter(Boolean)).toEqual([state.paymentId]);
  });

  it("ignores a settlement for less than the invoiced amount", async () => {
    const article = await createArticle({ priceSats: 100 });
    const state = await waiting(buyerId(), article);
    expect(await markSettled({ paymentHash: state.paymentHash, settleIndex: 1, settledAt: new Date(), receivedMsats: 99_999n })).toBeNull();
    expect(await statusOf(state.paymentId)).toBe("pending_payment");
  });

  it("changes state only from the allowed starting states", async () => {
    const article = await createArticle({ priceSats: 10 });
    const state = await waiting(buyerId(), article);
    const invoice = { paymentHash: "00".repeat(32), paymentRequest: "lnbcrt1x", expiresAt: new Date() };
    expect(await attachInvoice(state.paymentId, 10, invoice)).toBe(false); // already has one
    expect(await resetForRenewal(state.paymentId)).toBe(false); // not expired
    await payWithDevWallet(state.paymentRequest);
    await markSettled({ paymentHash: state.paymentHash, settleIndex: 1, settledAt: new Date(), receivedMsats: 10_000n });
    expect(await markExpired(state.paymentId, state.paymentHash)).toBe(false); // complete is final
    expect(await resetForRenewal(state.paymentId)).toBe(false);
    expect(await statusOf(state.paymentId)).toBe("complete");
  });

  it("keeps one view payment per buyer per article in the database, upvotes may repeat", async () => {
    const article = await createArticle({ priceSats: 10 });
    const buyer = buyerId();
    await db().buyer.create({ data: { id: buyer } });
    const row = { buyerId: buyer, articleId: article.id, amountSats: 10 };
    // The view action's reuse key (a unique column) holds one view per buyer per article.
    const reuseKey = `view:${buyer}:${article.id}`;
    await db().payment.create({ data: { ...row, purpose: "view", reuseKey } });
    await expect(db().payment.create({ data: { ...row, purpose: "view", reuseKey } })).rejects.toThrow();
    await db().payment.create({ data: { ...row, purpose: "upvote" } });
    await db().payment.create({ data: { ...row, purpose: "upvote" } });
    expect(await db().payment.count({ where: { buyerId: buyer } })).toBe(3);
  });

  it("issues one invoice when the same reader loads the page many times at once", async () => {
    const article = await createArticle({ priceSats: 10 });
    const buyer = buyerId();
    const states = await Promise.all(Array.from({ length: 8 }, () => prepareViewPayment(buyer, article)));
    expect(states.every((state) => state.kind === "waiting")).toBe(true);
    expect(await db().payment.count({ where: { buyerId: buyer } })).toBe(1);
    const payment = await db().payment.findFirstOrThrow({ where: { buyerId: buyer } });
    const hashes = new Set(states.map((state) => (state.kind === "waiting" ? state.paymentHash : "")));
    // Racing renders may each have asked the node for an invoice, but only one is attached and shown after.
    expect((await waiting(buyer, article)).paymentHash).toBe(payment.paymentHash);
    expect(hashes.has(payment.paymentHash ?? "")).toBe(true);
  });
});

describe("expiry and renewal", () => {
  async function expireInvoice(paymentHash: string) {
    const past = new Date(Date.now() - 1000);
    await db().devInvoice.update({ where: { paymentHash }, data: { expiresAt: past } });
    await db().payment.update({ where: { paymentHash }, data: { invoiceExpiresAt: past } });
  }

  it("marks an unpaid expired invoice expired and replaces it on the next visit", async () => {
    const article = await createArticle({ priceSats: 250 });
    const buyer = buyerId();
    const first = await waiting(buyer, article);
    await expireInvoice(first.paymentHash);

    await expect(payWithDevWallet(first.paymentRequest)).rejects.toMatchObject({ status: 410 });
    const second = await waiting(buyer, article);
    expect(second.paymentId).toBe(first.paymentId);
    expect(second.paymentHash).not.toBe(first.paymentHash);
    expect(second.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await db().payment.count({ where: { buyerId: buyer } })).toBe(1);

    watch();
    await payWithDevWallet(second.paymentRequest);
    await waitFor(async () => (await statusOf(second.paymentId)) === "complete");
  });

  it("credits an invoice paid at the last moment instead of renewing it", async () => {
    const article = await createArticle({ priceSats: 250 });
    const buyer = buyerId();
    const state = await waiting(buyer, article);
    await payWithDevWallet(state.paymentRequest); // no watcher running: nobody has credited it yet
    await expireInvoice(state.paymentHash);
    expect(await prepareViewPayment(buyer, article)).toEqual({ kind: "paid", paymentId: state.paymentId });
  });

  it("keeps showing an invoice in its last seconds instead of replacing a payable one", async () => {
    const article = await createArticle({ priceSats: 250 });
    const buyer = buyerId();
    const first = await waiting(buyer, article);
    const soon = new Date(Date.now() + 1500);
    await db().devInvoice.update({ where: { paymentHash: first.paymentHash }, data: { expiresAt: soon } });
    await db().payment.update({ where: { paymentHash: first.paymentHash }, data: { invoiceExpiresAt: soon } });
    const again = await waiting(buyer, article);
    expect(again.paymentHash).toBe(first.paymentHash);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await waiting(buyer, article)).paymentHash).not.toBe(first.paymentHash);
  });

  it("refuses to pay an invoice twice", async () => {
    const article = await createArticle({ priceSats: 3 });
    const state = await waiting(buyerId(), article);
    await payWithDevWallet(state.paymentRequest);
    const error = await payWithDevWallet(state.paymentRequest).catch((caught) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(409);
  });
});

describe("recovery", () => {
  it("credits a payment settled while the watcher was not running, when it starts", async () => {
    const article = await createArticle({ priceSats: 42 });
    const state = await waiting(buyerId(), article);
    await payWithDevWallet(state.paymentRequest);
    expect(await statusOf(state.paymentId)).toBe("pending_payment");
    watch();
    await waitFor(async () => (await statusOf(state.paymentId)) === "complete");
  });

  it("streams settlements above the given settle index, in order, and nothing below it", async () => {
    const article = await createArticle({ priceSats: 1 });
    const states = [];
    for (let i = 0; i < 3; i++) states.push(await waiting(buyerId(), article));
    for (const state of states) await payWithDevWallet(state.paymentRequest);
    const seen: number[] = [];
    const stop = lightning().subscribeSettlements({ afterSettleIndex: 1, onSettlement: (s) => void seen.push(s.settleIndex), onError: (e) => { throw e; } });
    try {
      await waitFor(async () => seen.length >= 2);
      const fourth = await waiting(buyerId(), article);
      await payWithDevWallet(fourth.paymentRequest);
      await waitFor(async () => seen.length >= 3);
      expect(seen).toEqual([2, 3, 4]);
    } finally {
      stop();
    }
  });
});

describe("settlement cursor", () => {
  it("is kept per node: a higher index from another node does not hide this node's settlements", async () => {
    // As after running the site on a regtest LND, then switching back to the development node.
    await db().settlementCursor.create({ data: { nodePubkey: `02${"ab".repeat(32)}`, settleIndex: 999 } });
    const earlier = await createArticle({ priceSats: 8 });
    const earlierBuyer = buyerId();
    await db().buyer.create({ data: { id: earlierBuyer } });
    await db().payment.create({ data: { buyerId: earlierBuyer, articleId: earlier.id, purpose: "view", amountSats: 8, status: "complete", settleIndex: 999, settledAt: new Date() } });
    const article = await createArticle({ priceSats: 8 });
    const state = await waiting(buyerId(), article);
    watch(); // re-checks of pending invoices are off in this file (PENDING_RECHECK_SECONDS=3600)
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the stream start first
    await payWithDevWallet(state.paymentRequest);
    await waitFor(async () => (await statusOf(state.paymentId)) === "complete", { timeoutMs: 3000 });
    const { pubkey } = await lightning().getNodeInfo();
    expect((await db().settlementCursor.findUniqueOrThrow({ where: { nodePubkey: pubkey } })).settleIndex).toBe(1n);
  });
});
