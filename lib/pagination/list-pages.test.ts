import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { listAuthorArticles, listVisibleArticles } from "@/lib/articles/article-queries";
import { listModeratedArticles } from "@/lib/articles/moderation-queries";
import { listPurchases } from "@/lib/buyers/library-queries";
import { db } from "@/lib/db/client";
import { type Cursor, decodeCursor, PAGE_SIZE } from "@/lib/pagination/keyset-cursor";
import { buyerId, createArticle } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

// Every list walks its keyset pages to the end: each row exactly once, in a stable order, even
// when many rows share the same timestamp (the id breaks the tie).

async function walk<T>(list: (before: Cursor | null) => Promise<{ items: T[]; older: string | null }>) {
  const pages: T[][] = [];
  let before: Cursor | null = null;
  for (;;) {
    const page = await list(before);
    pages.push(page.items);
    if (!page.older) return pages;
    before = decodeCursor(page.older);
    expect(before).not.toBeNull();
  }
}

beforeEach(async () => {
  await useFreshDatabase();
});

describe("keyset pages", () => {
  it("home, author page and admin list every published article once, newest first, ties broken by id", async () => {
    const first = await createArticle({ priceSats: 1 });
    const tie = new Date("2026-06-01T00:00:00Z");
    await db().article.update({ where: { id: first.id }, data: { publishedAt: tie } });
    const ids = [first.id];
    for (let i = 1; i < 2 * PAGE_SIZE + 5; i++) {
      const article = await db().article.create({
        data: { slug: `a-${i}`, title: `A ${i}`, teaser: "t", body: "b", priceSats: 1, status: i % 10 === 0 ? "deleted_by_admin" : "visible", authorId: first.authorId, publishedAt: i < 8 ? tie : new Date(tie.getTime() + i * 1000) },
      });
      ids.push(article.id);
    }
    await createArticle({ priceSats: 1, status: "draft" });
    const visible = (await db().article.findMany({ where: { status: "visible" }, orderBy: [{ publishedAt: "desc" }, { id: "desc" }] })).map((a) => a.id);
    const published = (await db().article.findMany({ where: { status: { in: ["visible", "deleted_by_admin"] } }, orderBy: [{ publishedAt: "desc" }, { id: "desc" }] })).map((a) => a.id);

    const home = await walk((before) => listVisibleArticles(before));
    expect(home.map((page) => page.length)).toEqual([PAGE_SIZE, PAGE_SIZE, visible.length - 2 * PAGE_SIZE]);
    expect(home.flat().map((a) => a.id)).toEqual(visible);
    expect(home[0]![0]).not.toHaveProperty("body");

    const author = await walk((before) => listAuthorArticles(first.authorId, before));
    expect(author.flat().map((a) => a.id)).toEqual(visible);
    expect((await listAuthorArticles("nobody")).items).toEqual([]);

    const admin = await walk((before) => listModeratedArticles(before));
    expect(admin.flat().map((a) => a.id)).toEqual(published);
  });

  it("the library lists each bought article once across pages, at its latest purchase, for all of a user's browsers", async () => {
    const user = await db().user.create({ data: {} });
    const [phone, laptop] = [buyerId(), buyerId()];
    for (const id of [phone, laptop]) await db().buyer.create({ data: { id, userId: user.id } });
    const articles = [];
    for (let i = 0; i < PAGE_SIZE + 10; i++) articles.push(await createArticle({ priceSats: 5 }));
    // A completed view payment and the entitlement its settlement grants.
    const buy = async (buyer: string, articleId: string, settledAt: Date) => {
      const payment = await db().payment.create({ data: { buyerId: buyer, articleId, purpose: "view", amountSats: 5, status: "complete", settledAt, receiptToken: randomBytes(8).toString("hex") } });
      await db().entitlement.create({ data: { paymentId: payment.id, buyerId: buyer, kind: "read", resource: `article:${articleId}`, articleId, createdAt: settledAt } });
    };
    const base = Date.UTC(2026, 5, 1);
    for (const [i, article] of articles.entries()) await buy(phone, article.id, new Date(base + i * 60_000));
    // Bought again from the laptop (before signing in there): the newest purchase wins, once.
    await buy(laptop, articles[0]!.id, new Date(base + 1000 * 60_000));
    await buy(laptop, articles[5]!.id, new Date(base + 1001 * 60_000));
    // Not the reader's, and not completed: never listed.
    const stranger = await db().buyer.create({ data: { id: buyerId() } });
    await buy(stranger.id, articles[1]!.id, new Date(base + 5000 * 60_000));
    await db().payment.create({ data: { buyerId: laptop, articleId: (await createArticle({ priceSats: 5 })).id, purpose: "view", amountSats: 5, status: "pending_payment" } });

    const reader = { buyerId: phone, userId: user.id, receiptPaymentIds: [], freshBuyer: false };
    const pages = await walk((before) => listPurchases(reader, before));
    const slugs = pages.flat().map((row) => row.slug);
    expect(pages[0]).toHaveLength(PAGE_SIZE);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs.sort()).toEqual(articles.map((a) => a.slug).sort());
    expect(pages[0]!.slice(0, 2).map((row) => row.slug)).toEqual([articles[5]!.slug, articles[0]!.slug]);

    // Only this browser, not signed in: the phone's own purchases.
    const phoneOnly = await walk((before) => listPurchases({ ...reader, userId: null }, before));
    expect(phoneOnly.flat()).toHaveLength(articles.length);
    expect(await listPurchases({ buyerId: null, userId: null, receiptPaymentIds: [], freshBuyer: false })).toEqual({ items: [], older: null });
  });
});
