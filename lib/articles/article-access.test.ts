import { beforeEach, describe, expect, it } from "vitest";
import { getPaidBody } from "@/lib/articles/article-access";
import { db } from "@/lib/db/client";
import { buyerId, createArticle } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

beforeEach(async () => {
  await useFreshDatabase();
});

async function completedPayment(articleId: string, purpose: string) {
  const buyer = await db().buyer.create({ data: { id: buyerId() } });
  return db().payment.create({ data: { buyerId: buyer.id, articleId, purpose, amountSats: 10, status: "complete" } });
}

describe("the paid body", () => {
  it("opens for a completed view payment of that article, and for nothing else that was paid", async () => {
    const article = await createArticle({ priceSats: 10, body: "Paid words" });
    const other = await createArticle({ priceSats: 10, body: "Other words" });
    expect(await getPaidBody(article.id, { paymentId: (await completedPayment(article.id, "view")).id })).toBe("Paid words");
    // An upvote is paid too, but it buys no reading.
    await expect(getPaidBody(article.id, { paymentId: (await completedPayment(article.id, "upvote")).id })).rejects.toThrow("without access");
    // Nor does a view of another article.
    await expect(getPaidBody(article.id, { paymentId: (await completedPayment(other.id, "view")).id })).rejects.toThrow("without access");
  });
});
