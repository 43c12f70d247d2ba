import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors";
import { payWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet";
import { markSettled } from "@/lib/payments/transitions";
import { prepareViewPayment } from "@/test/support/view-payment";
import { buyerId, createArticle } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

const CAPS = { MAX_OPEN_INVOICES_PER_BUYER: "10", MAX_OPEN_INVOICES_PER_ADDRESS: "50", INVOICES_PER_MINUTE: "600" };

beforeEach(async () => {
  await useFreshDatabase({ ...CAPS, INVOICE_EXPIRY_SECONDS: "900", PENDING_RECHECK_SECONDS: "3600" });
});

async function articles(count: number) {
  return Promise.all(Array.from({ length: count }, (_, i) => createArticle({ priceSats: 10 + i })));
}

/** The paywall's state, or "busy" when a cap refused the invoice (AppError 429 "busy"). */
async function attempt(buyer: string, article: { id: string; title: string; priceSats: number }, address = "203.0.113.1") {
  try {
    return (await prepareViewPayment(buyer, article, address)).kind;
  } catch (error) {
    if (isAppError(error) && error.status === 429 && error.code === "busy") return "busy";
    throw error;
  }
}

const nodeInvoices = () => db().devInvoice.count();

describe("open invoices per buyer", () => {
  it("refuses the 11th priced article of one buyer, keeps showing the 10 open ones, and frees a slot on payment", async () => {
    const list = await articles(11);
    const buyer = buyerId();
    for (const article of list.slice(0, 10)) expect(await attempt(buyer, article)).toBe("waiting");
    expect(await attempt(buyer, list[10]!)).toBe("busy");
    expect(await nodeInvoices()).toBe(10); // the refused one never reached the node
    // Coming back to an article with an open invoice needs no new one.
    expect(await attempt(buyer, list[0]!)).toBe("waiting");
    expect(await nodeInvoices()).toBe(10);

    const first = await db().payment.findFirstOrThrow({ where: { buyerId: buyer, articleId: list[0]!.id } });
    const paid = await payWithDevWallet(first.paymentRequest!);
    await markSettled({ paymentHash: paid.paymentHash, settleIndex: paid.settleIndex, settledAt: new Date(), receivedMsats: BigInt(paid.amountMsats) });
    expect(await attempt(buyer, list[10]!)).toBe("waiting");
  });

  it("holds under concurrency: 20 articles asked at once give exactly 10 invoices", async () => {
    const list = await articles(20);
    const buyer = buyerId();
    const outcomes = await Promise.all(list.map((article) => attempt(buyer, article)));
    expect(outcomes.filter((kind) => kind === "waiting")).toHaveLength(10);
    expect(outcomes.filter((kind) => kind === "busy")).toHaveLength(10);
    expect(await nodeInvoices()).toBe(10);
  });

  it("counts only unexpired invoices as open", async () => {
    const list = await articles(11);
    const buyer = buyerId();
    for (const article of list.slice(0, 10)) await attempt(buyer, article);
    await db().payment.updateMany({ where: { buyerId: buyer }, data: { invoiceExpiresAt: new Date(Date.now() - 1000) } });
    expect(await attempt(buyer, list[10]!)).toBe("waiting");
  });
});

describe("open invoices per client address", () => {
  it("refuses new buyer cookies from one address past the cap, and serves other addresses", async () => {
    await useFreshDatabase({ ...CAPS, MAX_OPEN_INVOICES_PER_ADDRESS: "5" });
    const [article] = await articles(1);
    for (let i = 0; i < 5; i++) expect(await attempt(buyerId(), article!, "198.51.100.7")).toBe("waiting");
    expect(await attempt(buyerId(), article!, "198.51.100.7")).toBe("busy");
    expect(await attempt(buyerId(), article!, "198.51.100.8")).toBe("waiting");
    const stored = await db().payment.findMany({ where: { clientAddress: "198.51.100.7" } });
    expect(stored).toHaveLength(5); // stored on the payment with each invoice issued to it
  });
});

describe("invoices per minute, site-wide", () => {
  it("refuses past INVOICES_PER_MINUTE and recovers once the minute has passed", async () => {
    await useFreshDatabase({ ...CAPS, INVOICES_PER_MINUTE: "3" });
    const [article] = await articles(1);
    for (let i = 0; i < 3; i++) expect(await attempt(buyerId(), article!, `192.0.2.${i}`)).toBe("waiting");
    expect(await attempt(buyerId(), article!, "192.0.2.99")).toBe("busy");
    expect(await nodeInvoices()).toBe(3);
    await db().payment.updateMany({ data: { invoiceRequestedAt: new Date(Date.now() - 61_000) } });
    expect(await attempt(buyerId(), article!, "192.0.2.99")).toBe("waiting");
  });
});
