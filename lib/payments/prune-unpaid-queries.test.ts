import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { pruneUnpaid } from "@/lib/payments/prune-unpaid-queries";
import { buyerId, createArticle } from "@/test/support/fixtures";
import { useFreshDatabase } from "@/test/support/test-database";

const DAY = 86_400_000;
beforeEach(async () => {
  await useFreshDatabase({ UNPAID_RETENTION_DAYS: "7" });
});

async function buyer(input: { ageDays: number; userId?: string }) {
  const id = buyerId();
  await db().buyer.create({ data: { id, userId: input.userId, createdAt: new Date(Date.now() - input.ageDays * DAY) } });
  return id;
}

async function payment(buyerId: string, articleId: string, status: string, ageDays: number) {
  const row = await db().payment.create({ data: { buyerId, articleId, purpose: "upvote", amountSats: 10, status } });
  // updatedAt is set by Prisma on every write: age it with a raw statement.
  await db().$executeRaw`UPDATE "Payment" SET "updatedAt" = ${new Date(Date.now() - ageDays * DAY)} WHERE "id" = ${row.id}`;
  return row.id;
}

describe("pruning abandoned unpaid rows", () => {
  it("deletes old payments that never completed and old buyers that own nothing, and nothing else", async () => {
    const article = await createArticle({ priceSats: 10 });
    const keeper = await buyer({ ageDays: 30 });
    const kept = [
      await payment(keeper, article.id, "complete", 30),
      await payment(keeper, article.id, "expired", 3),
      await payment(keeper, article.id, "pending_payment", 30),
    ];
    const gone = [
      await payment(keeper, article.id, "expired", 8),
      await payment(keeper, article.id, "error", 8),
      await payment(keeper, article.id, "pending_invoice", 8),
    ];
    const user = await db().user.create({ data: {} });
    const oldEmpty = await buyer({ ageDays: 8 });
    const recentEmpty = await buyer({ ageDays: 1 });
    const signedIn = await buyer({ ageDays: 30, userId: user.id });
    const onlyAbandoned = await buyer({ ageDays: 30 });
    gone.push(await payment(onlyAbandoned, article.id, "expired", 10));

    expect(await pruneUnpaid()).toEqual({ payments: 4, buyers: 2 });
    expect((await db().payment.findMany({ select: { id: true } })).map((row) => row.id).sort()).toEqual(kept.sort());
    const buyers = (await db().buyer.findMany({ select: { id: true } })).map((row) => row.id).sort();
    expect(buyers).toEqual([keeper, recentEmpty, signedIn].sort());
    expect(buyers).not.toContain(oldEmpty);
    expect(await pruneUnpaid()).toEqual({ payments: 0, buyers: 0 });
  });

  it("keeps an old anonymous buyer that holds an entitlement without paying (a claimed gift)", async () => {
    const article = await createArticle({ priceSats: 10 });
    const giver = await buyer({ ageDays: 30 });
    const paid = await payment(giver, article.id, "complete", 30);
    const claimer = await buyer({ ageDays: 30 });
    await db().entitlement.create({ data: { paymentId: paid, buyerId: claimer, kind: "read", resource: `article:${article.id}`, articleId: article.id } });
    expect(await pruneUnpaid()).toEqual({ payments: 0, buyers: 0 });
    expect(await db().buyer.findUnique({ where: { id: claimer } })).not.toBeNull();
  });

  it("works through more rows than one batch", async () => {
    const article = await createArticle({ priceSats: 10 });
    const owner = await buyer({ ageDays: 30 });
    await db().payment.createMany({ data: Array.from({ length: 2500 }, () => ({ buyerId: owner, articleId: article.id, purpose: "upvote", amountSats: 1, status: "expired" })) });
    await db().$executeRaw`UPDATE "Payment" SET "updatedAt" = ${new Date(Date.now() - 8 * DAY)}`;
    await db().buyer.createMany({ data: Array.from({ length: 1000 }, () => ({ id: buyerId(), createdAt: new Date(Date.now() - 8 * DAY) })) });
    expect(await pruneUnpaid()).toEqual({ payments: 2500, buyers: 1001 }); // more than one batch of 1000 each
    expect(await db().buyer.count()).toBe(0);
  });
});
