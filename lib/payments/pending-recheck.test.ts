import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { InvoiceLookup, LightningBackend } from "@/lib/lightning/backend";
import { RECHECK_GRACE_MS, recheckPendingPayments } from "@/lib/payments/pending-recheck";
import { buyerId, createArticle } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

// A fake node (unit tests may use doubles) that records which invoices it was asked about and
// can hold its answers until released, to observe overlapping runs.
function fakeNode() {
  const asked: string[] = [];
  let release: () => void = () => {};
  let gate: Promise<void> | null = null;
  const backend = {
    kind: "dev",
    async getInvoice(paymentHash: string): Promise<InvoiceLookup> {
      asked.push(paymentHash);
      if (gate) await gate;
      return { paymentHash, state: "open", receivedMsats: 0n, settleIndex: null, settledAt: null, expiresAt: new Date(Date.now() + 60_000) };
    },
  } as unknown as LightningBackend;
  return {
    backend,
    asked,
    hold() {
      gate = new Promise((resolve) => (release = resolve));
    },
    release() {
      gate = null;
      release();
    },
  };
}

let node: ReturnType<typeof fakeNode>;
beforeEach(async () => {
  await useFreshDatabase();
  node = fakeNode();
  (globalThis as { __lightning?: LightningBackend }).__lightning = node.backend;
});
afterEach(() => node.release());

async function pendingPayments(expiries: number[]) {
  const article = await createArticle({ priceSats: 10 });
  const rows = [];
  for (const [i, offsetMs] of expiries.entries()) {
    const buyer = buyerId();
    await db().buyer.create({ data: { id: buyer } });
    rows.push(
      await db().payment.create({
        data: {
          buyerId: buyer, articleId: article.id, purpose: "view", amountSats: 10, status: "pending_payment",
          paymentHash: i.toString(16).padStart(64, "0"), paymentRequest: `lnbcrt1fake${i}`, invoiceExpiresAt: new Date(Date.now() + offsetMs),
        },
      }),
    );
  }
  return rows;
}

describe("re-check of pending invoices", () => {
  it("never overlaps itself: a tick during a slow run asks the node nothing more", async () => {
    await pendingPayments([60_000, 120_000, 180_000]);
    node.hold();
    const first = recheckPendingPayments();
    const second = recheckPendingPayments();
    await new Promise((resolve) => setTimeout(resolve, 100));
    node.release();
    await Promise.all([first, second]);
    expect(node.asked).toHaveLength(3);
  });

  it("asks only about invoices still payable or within the grace period; older ones expire in SQL", async () => {
    const [live, inGrace, stale] = await pendingPayments([60_000, -RECHECK_GRACE_MS / 2, -RECHECK_GRACE_MS - 60_000]);
    await recheckPendingPayments();
    expect(node.asked.sort()).toEqual([live!.paymentHash, inGrace!.paymentHash].sort());
    const status = async (id: string) => (await db().payment.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(stale!.id)).toBe("expired");
    expect(await status(live!.id)).toBe("pending_payment");
  });

  it("works through a backlog larger than one batch, in expiry order, each invoice once", async () => {
    const offsets = Array.from({ length: 250 }, (_, i) => 60_000 + ((i * 7919) % 250) * 1000);
    const rows = await pendingPayments(offsets);
    await recheckPendingPayments();
    const byExpiry = [...rows].sort((a, b) => a.invoiceExpiresAt!.getTime() - b.invoiceExpiresAt!.getTime()).map((row) => row.paymentHash);
    expect(node.asked).toEqual(byExpiry);
  });
});

describe('"Check payment"', () => {
  it("asks the node at most once per payment in a short window, however often it is clicked", async () => {
    const { checkPayment: checkViewPayment } = await import("@/lib/payments/node-sync");
    const [payment] = await pendingPayments([60_000]);
    const statuses = await Promise.all(Array.from({ length: 20 }, () => checkViewPayment(payment!.id)));
    expect(statuses.every((status) => status === "pending_payment")).toBe(true);
    await checkViewPayment(payment!.id);
    expect(node.asked).toEqual([payment!.paymentHash]);
  });
});
