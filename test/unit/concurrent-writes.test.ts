import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { setAccountEmail } from "@/lib/auth/account-email";
import { claimGift } from "@/lib/gifts/claim-gift";
import { takeDownloadUse } from "@/lib/files/download-link-queries";
import { db } from "@/lib/db/client";
import { NODE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { balanceMsats, ledgerImbalance, postJournal } from "@/lib/ledger/ledger-queries";
import { receiveWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet-receive";
import { markSettled } from "@/lib/payments/transitions";
import { setPassOffer } from "@/lib/passes/pass-offer-queries";
import { requestWithdrawal } from "@/lib/withdrawals/request-withdrawal";
import { createArticle } from "@/test/support/fixtures";
import { testOnPostgres, useFreshDatabase } from "@/test/support/test-database";

// Check-then-write steps under concurrency. SQLite runs one write transaction at a time;
// PostgreSQL (READ COMMITTED) runs them side by side, each statement with its own snapshot, so
// a check in one statement and the write in the next can both pass in two transactions. Each
// test fires many attempts at once; the PostgreSQL pass of npm test is the one that bites.

const DAY_MS = 86_400_000;
const PARALLEL = 16;

beforeEach(async () => {
  await useFreshDatabase({ LIGHTNING_BACKEND: "dev", SMTP_URL: "", MAIL_MAX_ATTEMPTS: "3" });
}, 30_000);

/** A pass payment of `buyerId` waiting for its invoice to be paid. */
async function passPayment(buyerId: string, offerId: string, receiptEmail: string | null = null) {
  const paymentHash = randomBytes(32).toString("hex");
  const payment = await db().payment.create({
    data: { buyerId, purpose: "pass", args: JSON.stringify({ offerId }), amountSats: 100, status: "pending_payment", paymentHash, receiptEmail },
  });
  return { id: payment.id, paymentHash };
}

/** A payment of `purpose` waiting for its invoice to be paid. */
async function openPayment(purpose: string, args: Record<string, string>, extra: { buyerId?: string; articleId?: string; amountSats?: number } = {}) {
  const paymentHash = randomBytes(32).toString("hex");
  const payment = await db().payment.create({ data: { purpose, args: JSON.stringify(args), amountSats: extra.amountSats ?? 100, status: "pending_payment", paymentHash, buyerId: extra.buyerId, articleId: extra.articleId } });
  return { id: payment.id, paymentHash };
}
const newBuyer = async () => (await db().buyer.create({ data: { id: randomBytes(16).toString("hex") } })).id;

const settlement = (paymentHash: string, settledAt: Date) => ({ paymentHash, settleIndex: 0, settledAt, receivedMsats: 100_000n });

describe("concurrent writes", { timeout: 30_000 }, () => {
  it("spends a balance once however many withdrawals are requested at the same moment", async () => {
    const userId = (await db().user.create({ data: {} })).id;
    await db().$transaction((tx) =>
      postJournal(tx, "payment:test-credit", [
        { account: NODE_ACCOUNT, kind: "received", amountMsats: -1_020_000n },
        { account: userAccount(userId), kind: "sale", amountMsats: 1_020_000n },
      ]),
    );
    const invoices = await Promise.all(Array.from({ length: 6 }, async () => (await receiveWithDevWallet({ amountMsats: 1_000_000n })).paymentRequest));
    const results = await Promise.allSettled(invoices.map((paymentRequest) => requestWithdrawal({ userId, method: "invoice", paymentRequest })));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await balanceMsats(userId)).toBe(10_000n);
    expect(await ledgerImbalance()).toBe(0n);
  });

  it("sends one verification mail however many requests for it arrive at once", async () => {
    // The address is already saved (a resend): every request goes straight to the send limit.
    const userId = (await db().user.create({ data: { email: "reader@example.test" } })).id;
    const results = await Promise.allSettled(Array.from({ length: PARALLEL }, () => setAccountEmail(userId, "reader@example.test", "http://site.test")));
    expect(results.filter((result) => result.status === "fulfilled" && result.value.sent)).toHaveLength(1);
    // The others are told to wait a minute (429), not sent a second mail.
    expect(results.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason.status)).toEqual(Array(PARALLEL - 1).fill(429));
    expect(await db().emailVerification.count({ where: { userId } })).toBe(1);
    expect(await db().mailOutbox.count()).toBe(1);
  });

  it("adds up pass renewals that complete at the same moment (two browsers, two instances)", async () => {
    const offer = await db().passOffer.create({ data: { issuerId: null, priceSats: 100, days: 30 } });
    const buyerId = (await db().buyer.create({ data: { id: randomBytes(16).toString("hex") } })).id;
    const payments = await Promise.all(Array.from({ length: 6 }, () => passPayment(buyerId, offer.id)));
    const at = new Date(Date.UTC(2026, 0, 1));
    const settled = await Promise.all(payments.map((payment) => markSettled(settlement(payment.paymentHash, at))));
    expect(settled.filter(Boolean)).toHaveLength(6);
    const ends = (await db().entitlement.findMany({ where: { buyerId, kind: "pass" }, select: { validUntil: true } })).map((row) => row.validUntil!.getTime());
    // Each renewal extends the end the previous one left: 30, 60, ... 180 days.
    expect(ends.sort((a, b) => a - b)).toEqual(payments.map((_, index) => at.getTime() + (index + 1) * 30 * DAY_MS));
  });

  it("leaves one active pass offer when an issuer's offer is set from several requests at once", async () => {
    const offers = await Promise.all(Array.from({ length: PARALLEL }, (_, index) => setPassOffer(null, { priceSats: 100 + index, days: 30 })));
    expect(offers.every(Boolean)).toBe(true);
    expect(await db().passOffer.count({ where: { issuerId: null, active: true } })).toBe(1);
  });

  it("completes a payment whose receipt step fails, without its receipt (the settlement is never undone)", async () => {
    const offer = await db().passOffer.create({ data: { issuerId: null, priceSats: 100, days: 30 } });
    const buyerId = (await db().buyer.create({ data: { id: randomBytes(16).toString("hex") } })).id;
    const payment = await passPayment(buyerId, offer.id, "payer@example.test");
    // A real failing statement in the receipt step: the outbox refuses every insert.
    if (testOnPostgres) {
      await db().$executeRawUnsafe(`CREATE FUNCTION refuse_mail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refuses mail'; END $$`);
      await db().$executeRawUnsafe(`CREATE TRIGGER refuse_mail BEFORE INSERT ON "MailOutbox" FOR EACH ROW EXECUTE FUNCTION refuse_mail()`);
    } else {
      await db().$executeRawUnsafe(`CREATE TRIGGER refuse_mail BEFORE INSERT ON "MailOutbox" BEGIN SELECT RAISE(ABORT, 'outbox refuses mail'); END`);
    }
    expect(await markSettled(settlement(payment.paymentHash, new Date()))).toBe(payment.id);
    expect(await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).toMatchObject({ status: "complete" });
    expect(await db().entitlement.count({ where: { paymentId: payment.id } })).toBe(1);
    expect(await db().ledgerEntry.count({ where: { paymentId: payment.id } })).toBeGreaterThan(0);
    expect(await db().mailOutbox.count()).toBe(0);
    // Seen again (the re-check, another instance): credited once.
    expect(await markSettled(settlement(payment.paymentHash, new Date()))).toBeNull();
    expect(await db().entitlement.count({ where: { paymentId: payment.id } })).toBe(1);
  });

  it("counts every sale of an article when many complete at the same moment", async () => {
    const article = await createArticle({ priceSats: 100 });
    const payments = await Promise.all(Array.from({ length: PARALLEL }, async () => openPayment("view", { articleId: article.id }, { buyerId: await newBuyer(), articleId: article.id })));
    const at = new Date();
    expect((await Promise.all(payments.map((payment) => markSettled(settlement(payment.paymentHash, at))))).filter(Boolean)).toHaveLength(PARALLEL);
    const counted = await db().article.findUniqueOrThrow({ where: { id: article.id } });
    expect([counted.viewCount, counted.salesCount, Number(counted.earnedSats)]).toEqual([PARALLEL, PARALLEL, PARALLEL * 100]);
    const [day] = await db().authorDailyStats.findMany({ where: { authorId: article.authorId } });
    expect([day!.views, day!.sales, Number(day!.earnedSats)]).toEqual([PARALLEL, PARALLEL, PARALLEL * 100]);
  });

  it("gives a gift to one claimer however many claim it at once", async () => {
    const article = await createArticle({ priceSats: 100 });
    const giver = await newBuyer();
    const payment = await openPayment("gift", { kind: "article", id: article.id }, { buyerId: giver, articleId: article.id });
    await markSettled(settlement(payment.paymentHash, new Date()));
    const { token } = await db().gift.findUniqueOrThrow({ where: { paymentId: payment.id } });
    const readers = await Promise.all(Array.from({ length: PARALLEL }, async () => ({ buyerId: await newBuyer(), receiptPaymentIds: [], freshBuyer: false, userId: null })));
    const claims = await Promise.allSettled(readers.map((reader) => claimGift(token, reader)));
    expect(claims.filter((claim) => claim.status === "fulfilled")).toHaveLength(1);
    expect(claims.filter((claim) => claim.status === "rejected").map((claim) => (claim as PromiseRejectedResult).reason.status)).toEqual(Array(PARALLEL - 1).fill(409));
    expect(await db().entitlement.count({ where: { paymentId: payment.id } })).toBe(1);
  });

  it("counts a download link's uses exactly when many downloads start at once", async () => {
    const article = await createArticle({ priceSats: 100 });
    const buyerId = await newBuyer();
    const payment = await openPayment("view", { articleId: article.id }, { buyerId, articleId: article.id });
    await markSettled(settlement(payment.paymentHash, new Date()));
    const entitlement = await db().entitlement.findFirstOrThrow({ where: { paymentId: payment.id } });
    const file = await db().storedFile.create({
      data: { ownerId: article.authorId, articleId: article.id, title: "File", fileName: "f.txt", mimeType: "text/plain", sizeBytes: 1, sha256: "0".repeat(64), storageKey: randomBytes(8).toString("hex"), status: "published" },
    });
    const link = await db().downloadLink.create({ data: { token: randomBytes(24).toString("base64url"), fileId: file.id, entitlementId: entitlement.id, buyerId, usesLeft: 5 } });
    const taken = await Promise.all(Array.from({ length: PARALLEL }, () => takeDownloadUse(link.id)));
    expect(taken.filter(Boolean)).toHaveLength(5);
    expect((await db().downloadLink.findUniqueOrThrow({ where: { id: link.id } })).usesLeft).toBe(0);
  });
});
