import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { authorArticleStats, authorTotals, CHART_DAYS, dailyEarnings } from "@/lib/articles/author-stats-queries";
import { db } from "@/lib/db/client";
import { markSettled } from "@/lib/payments/transitions";
import { buyerId, createArticle } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

/** A payment in the given state; completed ones go through markSettled, as the watcher does. */
async function payment(articleId: string, purpose: string, amountSats: number, status: string, settledAt: Date | null) {
  const buyer = await db().buyer.create({ data: { id: buyerId() } });
  const paymentHash = randomBytes(32).toString("hex");
  const pending = status === "complete" ? "pending_payment" : status;
  await db().payment.create({ data: { buyerId: buyer.id, articleId, purpose, amountSats, status: pending, paymentHash } });
  if (status === "complete") {
    const settlement = { paymentHash, settleIndex: 0, settledAt: settledAt!, receivedMsats: BigInt(amountSats) * 1000n };
    expect(await markSettled(settlement)).toBeTruthy();
    // Seen again (stream replay, re-check, another process): counted once.
    expect(await markSettled(settlement)).toBeNull();
  }
}

beforeEach(async () => {
  await useFreshDatabase();
});

describe("author stats", () => {
  it("counts completed views, sales of any purpose and sats earned, per article and per day, each settlement once", async () => {
    const now = new Date("2026-03-31T12:00:00Z");
    const article = await createArticle({ priceSats: 100 });
    const other = await createArticle({ priceSats: 7 });
    await payment(article.id, "view", 100, "complete", new Date("2026-03-31T01:00:00Z"));
    await payment(article.id, "view", 100, "complete", new Date("2026-03-30T23:59:59Z"));
    await payment(article.id, "upvote", 10, "complete", new Date("2026-03-02T00:00:00Z"));
    await payment(article.id, "view", 100, "pending_payment", null);
    await payment(article.id, "view", 100, "expired", null);
    // Outside the 30-day window: counted in the totals, not in the chart.
    await payment(article.id, "view", 50, "complete", new Date("2026-03-01T23:00:00Z"));
    await payment(other.id, "view", 7, "complete", new Date("2026-03-31T02:00:00Z"));

    const { items, older } = await authorArticleStats(article.authorId);
    expect(older).toBeNull();
    expect(items).toEqual([expect.objectContaining({ id: article.id, views: 3, sales: 4, satsEarned: 260, priceSats: 100, status: "visible" })]);
    expect(items[0]).not.toHaveProperty("body");
    expect(await authorTotals(article.authorId)).toEqual({ articles: 1, views: 3, sales: 4, satsEarned: 260 });
    expect(await db().article.findUniqueOrThrow({ where: { id: other.id }, select: { viewCount: true, salesCount: true, earnedSats: true } })).toEqual({
      viewCount: 1,
      salesCount: 1,
      earnedSats: 7n,
    });

    const days = await dailyEarnings(article.authorId, now);
    expect(days).toHaveLength(CHART_DAYS);
    expect(days[0]).toEqual({ day: "2026-03-02", sats: 10 });
    expect(days.at(-1)).toEqual({ day: "2026-03-31", sats: 100 });
    expect(days.at(-2)).toEqual({ day: "2026-03-30", sats: 100 });
    expect(days.reduce((sum, day) => sum + day.sats, 0)).toBe(210);
  });

  it("lists an author's unsold draft with zeros", async () => {
    const article = await createArticle({ priceSats: 5, status: "draft" });
    expect((await authorArticleStats(article.authorId)).items).toEqual([expect.objectContaining({ views: 0, sales: 0, satsEarned: 0, status: "draft" })]);
    expect(await authorTotals(article.authorId)).toEqual({ articles: 1, views: 0, sales: 0, satsEarned: 0 });
    expect((await dailyEarnings(article.authorId)).every((day) => day.sats === 0)).toBe(true);
  });
});
