import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { unpublishArticle } from "@/lib/articles/article-editing";
import { removeArticle } from "@/lib/articles/article-moderation";
import { db } from "@/lib/db/client";
import { payWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet";
import { lightning } from "@/lib/lightning/lightning";
import { startSettlementWatcher } from "@/lib/payments/settlement-watcher";
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

async function openInvoice(article: { id: string; title: string; priceSats: number }) {
  const state = await prepareViewPayment(buyerId(), article);
  if (state.kind !== "waiting") throw new Error(`expected an invoice, got ${state.kind}`);
  return state;
}

const payment = (id: string) => db().payment.findUniqueOrThrow({ where: { id } });

describe("an article withdrawn from sale", () => {
  it("removed by the admins: its open invoices are canceled on the node and the dev wallet cannot pay them", async () => {
    const article = await createArticle({ priceSats: 100 });
    const [a, b] = [await openInvoice(article), await openInvoice(article)];
    await removeArticle(article.id);
    for (const state of [a, b]) {
      expect((await payment(state.paymentId)).status).toBe("expired");
      expect((await lightning().getInvoice(state.paymentHash))?.state).toBe("canceled");
      await expect(payWithDevWallet(state.paymentRequest)).rejects.toMatchObject({ status: 410, code: "invoice_canceled" });
    }
  });

  it("unpublished by its author: the same", async () => {
    const article = await createArticle({ priceSats: 100 });
    const state = await openInvoice(article);
    await unpublishArticle({ id: article.authorId }, article.id);
    expect((await payment(state.paymentId)).status).toBe("expired");
    await expect(payWithDevWallet(state.paymentRequest)).rejects.toMatchObject({ status: 410 });
  });

  it("gets no invoice attached when it is withdrawn while the node makes one; that invoice is canceled", async () => {
    const article = await createArticle({ priceSats: 100 });
    const buyer = buyerId();
    // The page read the article as visible; the admins remove it while the node makes the invoice.
    const backend = lightning();
    const createInvoice = backend.createInvoice.bind(backend);
    const spy = vi.spyOn(backend, "createInvoice").mockImplementation(async (input) => {
      await db().article.update({ where: { id: article.id }, data: { status: "deleted_by_admin" } });
      return createInvoice(input);
    });
    const state = await prepareViewPayment(buyer, article).finally(() => spy.mockRestore());
    expect(state.kind).toBe("unavailable");
    const row = await db().payment.findFirstOrThrow({ where: { buyerId: buyer } });
    expect(row.status).toBe("pending_invoice");
    expect(row.paymentRequest).toBeNull();
    const made = await db().devInvoice.findMany();
    expect(made).toHaveLength(1);
    expect(made[0]!.canceledAt).toBeInstanceOf(Date);
  });

  it("still credits a settlement that arrives after the withdrawal, flagged for the admins", async () => {
    const article = await createArticle({ priceSats: 100 });
    const state = await openInvoice(article);
    const normal = await openInvoice(await createArticle({ priceSats: 5 }));
    // Paid on the node just before the removal, seen by the site only after it.
    await payWithDevWallet(state.paymentRequest);
    await payWithDevWallet(normal.paymentRequest);
    await removeArticle(article.id);
    expect((await payment(state.paymentId)).status).toBe("expired");
    stopWatcher = startSettlementWatcher().stop;
    await waitFor(async () => (await payment(state.paymentId)).status === "complete");
    await waitFor(async () => (await payment(normal.paymentId)).status === "complete");
    expect((await payment(state.paymentId)).settledAfterWithdrawal).toBe(true);
    expect((await payment(normal.paymentId)).settledAfterWithdrawal).toBe(false);
  });
});
