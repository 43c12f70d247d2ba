import { beforeEach, describe, expect, it } from "vitest";
import { getPaidBody } from "@/lib/articles/article-access";
import { db } from "@/lib/db/client";
import { preparePayment } from "@/lib/payments/open-payment";
import { markSettled } from "@/lib/payments/transitions";
import { buyerId, createArticle } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

beforeEach(async () => {
  await useFreshDatabase();
});

/** Pays for an action through the engine (invoice on the dev node, settled) and returns what it granted. */
async function paid(type: "view" | "upvote", articleId: string) {
  const state = await preparePayment(type, { articleId }, { kind: "browser", buyerId: buyerId() });
  if (state.kind !== "waiting") throw new Error(`no invoice: ${state.kind}`);
  const payment = await db().payment.findUniqueOrThrow({ where: { id: state.paymentId } });
  await markSettled({ paymentHash: state.paymentHash, settleIndex: 0, settledAt: new Date(), receivedMsats: BigInt(payment.amountSats) * 1000n });
  return db().entitlement.findMany({ where: { paymentId: state.paymentId } });
}

describe("the paid body", () => {
  it("opens for the entitlement a completed view payment granted, and for nothing else that was paid", async () => {
    const article = await createArticle({ priceSats: 10, body: "Paid words" });
    const other = await createArticle({ priceSats: 10, body: "Other words" });
    const [read] = await paid("view", article.id);
    expect(read).toMatchObject({ kind: "read", articleId: article.id });
    expect(await getPaidBody(article.id, { entitlementId: read!.id })).toBe("Paid words");
    // An upvote is paid too, but it grants no reading.
    expect(await paid("upvote", article.id)).toEqual([]);
    // Nor does a view of another article.
    const [elsewhere] = await paid("view", other.id);
    await expect(getPaidBody(article.id, { entitlementId: elsewhere!.id })).rejects.toThrow("without access");
  });
});
