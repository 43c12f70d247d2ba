import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redeemReceipt } from "@/lib/access/receipts";
import { db } from "@/lib/db/client";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { buyGift, claimJson, newBrowser } from "@/test/support/gifts";
import { get, invoiceIn, post, postJson } from "@/test/support/http";
import { signInWithWallet } from "@/test/support/wallet";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// Gift links on the dev node through the production server: a gift is sold like the thing
// itself (same price, same ledger split with co-authors and the site fee), grants the giver
// nothing, is claimed only by POST, once, by exactly one browser however many race for it.

const SECRET = `GIFT-PAID-BODY-${randomBytes(6).toString("hex")}`;
const DAY_MS = 86_400_000;
let server: SiteServer;
let article: Awaited<ReturnType<typeof createArticle>>;
let coAuthorId = "";

const read = (cookie: string) => get(`${server.url}/articles/${article.slug}`, { cookie }).then((r) => r.text);
const amountsByAccount = async (paymentId: string) =>
  Object.fromEntries((await db().ledgerEntry.findMany({ where: { paymentId } })).map((e) => [e.account.replace(/^user:.*/, (a) => (a.endsWith(coAuthorId) ? "co" : "lead")), e.amountMsats]));

beforeAll(async () => {
  server = await startSiteServer({ env: { SITE_FEE_PERCENT: "10" } });
  await shareServerDatabase(server);
  article = await createArticle({ priceSats: 1000, title: "A gift to give", body: `Paid part: ${SECRET}` });
  const co = await db().user.create({ data: { role: "author", profile: { create: { identityPubkey: `02${randomBytes(32).toString("hex")}`, displayName: "Co" } } } });
  coAuthorId = co.id;
  await db().articleAuthor.createMany({
    data: [
      { articleId: article.id, userId: article.authorId, sharePercent: 60, position: 0 },
      { articleId: article.id, userId: co.id, sharePercent: 40, position: 1 },
    ],
  });
});
afterAll(async () => server?.stop());

describe("an article gift", () => {
  let giver = "";
  let gift = { paymentId: "", token: "" };

  it("is priced and shared exactly as the article, one open invoice per browser, and grants the giver nothing", async () => {
    giver = await newBrowser(server.url);
    const first = JSON.parse((await postJson(`${server.url}/api/gifts`, { kind: "article", id: article.id }, { cookie: giver })).text) as { paymentId: string; amountSats: number };
    const again = JSON.parse((await postJson(`${server.url}/api/gifts`, { kind: "article", id: article.id }, { cookie: giver })).text) as { paymentId: string };
    expect(again.paymentId).toBe(first.paymentId);
    expect(first.amountSats).toBe(1000);
    gift = await buyGift(server.url, giver, "article", article.id);
    expect(gift.paymentId).toBe(first.paymentId);
    expect(gift.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The same money as a reader buying it for themselves.
    const reader = await newBrowser(server.url);
    await postJson(`${server.url}/api/dev/wallet/pay`, { invoice: invoiceIn(await read(reader)) });
    const view = await waitFor(() => db().payment.findFirst({ where: { articleId: article.id, status: "complete", gift: { is: null } } }));
    const giftMoney = await amountsByAccount(gift.paymentId);
    expect(giftMoney).toEqual({ node: -1_000_000n, site: 100_000n, lead: 540_000n, co: 360_000n });
    expect(giftMoney).toEqual(await amountsByAccount(view.id));
    expect((await db().article.findUniqueOrThrow({ where: { id: article.id } })).salesCount).toBe(2);

    expect(await db().entitlement.count({ where: { paymentId: gift.paymentId } })).toBe(0);
    const page = await read(giver);
    expect(page).not.toContain(SECRET);
    expect(page).toContain('data-testid="paywall"');
    // Paid: the key is released, so the next gift is a new payment.
    const next = JSON.parse((await postJson(`${server.url}/api/gifts`, { kind: "article", id: article.id }, { cookie: giver })).text) as { paymentId: string };
    expect(next.paymentId).not.toBe(gift.paymentId);
  });

  it("shows the claim link to the giver only: their browser, their receipt link, their library", async () => {
    const mine = await get(`${server.url}/api/payments/${gift.paymentId}/gift`, { cookie: giver });
    expect(mine.status).toBe(200);
    expect(JSON.parse(mine.text)).toMatchObject({ claimUrl: `${server.url}/gifts/${gift.token}`, claimedAt: null, title: article.title, amountSats: 1000 });
    const stranger = await newBrowser(server.url);
    expect((await get(`${server.url}/api/payments/${gift.paymentId}/gift`, { cookie: stranger })).status).toBe(404);
    expect((await get(`${server.url}/api/payments/${gift.paymentId}/gift`)).status).toBe(404);

    const { receiptToken } = await db().payment.findUniqueOrThrow({ where: { id: gift.paymentId } });
    const receipt = await get(`${server.url}/receipts/${receiptToken}`);
    expect(receipt.status).toBe(303);
    expect(receipt.headers.get("location")).toBe(`/gifts/sent/${receiptToken}`);
    expect(receipt.cookies.lp_receipts).toBeUndefined();
    const sent = await get(`${server.url}/gifts/sent/${receiptToken}`);
    expect(sent.text).toContain(`/gifts/${gift.token}`);
    expect(sent.text).toContain("Not claimed yet.");
    const library = await get(`${server.url}/library`, { cookie: giver });
    expect(library.text).toContain(`/gifts/${gift.token}`);
    expect((await get(`${server.url}/library`, { cookie: stranger })).text).not.toContain(gift.token);
  });

  it("is not claimed by opening the link; the giver is warned it is their own", async () => {
    const someone = await newBrowser(server.url);
    const page = await get(`${server.url}/gifts/${gift.token}`, { cookie: someone });
    expect(page.status).toBe(200);
    expect(page.text).toContain(article.title);
    expect(page.text).toContain("A public teaser.");
    expect(page.text).toContain(`action="/api/gifts/${gift.token}/claim"`);
    expect(page.text).not.toContain("This is your gift link");
    expect(page.text).not.toContain(SECRET);
    expect((await get(`${server.url}/gifts/${gift.token}`, { cookie: giver })).text).toContain("This is your gift link");
    expect((await get(`${server.url}/api/gifts/${gift.token}/claim`, { cookie: someone })).status).toBe(405);
    expect((await db().gift.findUniqueOrThrow({ where: { token: gift.token } })).claimedAt).toBeNull();
  });

  it("is claimed by POST into the claimer's browser, once: a second claimer gets 409, never a second entitlement", async () => {
    const claimer = await newBrowser(server.url);
    const claimed = await post(`${server.url}/api/gifts/${gift.token}/claim`, undefined, { cookie: claimer });
    expect(claimed.status).toBe(303);
    expect(claimed.headers.get("location")).toBe(`/articles/${article.slug}`);
    const html = await read(claimer);
    expect(html).toContain(SECRET);
    // The giver's receipt link is the giver's: the claimer never sees it.
    const { receiptToken } = await db().payment.findUniqueOrThrow({ where: { id: gift.paymentId } });
    expect(html).not.toContain(receiptToken);
    const library = await get(`${server.url}/library`, { cookie: claimer });
    expect(library.text).toContain('data-testid="received-gift"');
    expect(library.text).not.toContain(receiptToken);

    // The same browser again (a double click): the same answer, nothing new.
    const repeat = await claimJson(server.url, claimer, gift.token);
    expect(repeat.status).toBe(200);
    expect(JSON.parse(repeat.text)).toMatchObject({ claimed: true, already: true });
    const other = await newBrowser(server.url);
    const json = await claimJson(server.url, other, gift.token);
    expect(json.status).toBe(409);
    expect(JSON.parse(json.text).error.code).toBe("already_claimed");
    const form = await post(`${server.url}/api/gifts/${gift.token}/claim`, undefined, { cookie: other });
    expect(form.status).toBe(409);
    expect(form.headers.get("content-type")).toContain("text/html");
    expect(form.text).toContain("already been claimed");
    expect(await read(other)).not.toContain(SECRET);
    expect(await db().entitlement.count({ where: { paymentId: gift.paymentId } })).toBe(1);

    // The giver still reads nothing, and sees it claimed; their receipt link restores nothing.
    expect(await read(giver)).not.toContain(SECRET);
    expect(await redeemReceipt(receiptToken!)).toBeNull();
    const viaReceipt = await get(`${server.url}/receipts/${receiptToken}`, { cookie: giver });
    expect(viaReceipt.cookies.lp_receipts).toBeUndefined();
    const status = JSON.parse((await get(`${server.url}/api/payments/${gift.paymentId}/gift`, { cookie: giver })).text) as { claimedAt: string | null };
    expect(status.claimedAt).not.toBeNull();
    const mine = await get(`${server.url}/library`, { cookie: giver });
    expect(mine.text).toContain('data-claimed="yes"');
    expect(mine.text).toContain(`Claimed ${status.claimedAt!.slice(0, 10)}`);
  });

  it("raced by 20 browsers at once, makes exactly one entitlement and 19 clear refusals", async () => {
    const fresh = await buyGift(server.url, giver, "article", article.id);
    const browsers = await Promise.all(Array.from({ length: 20 }, () => newBrowser(server.url)));
    const answers = await Promise.all(browsers.map((cookie) => claimJson(server.url, cookie, fresh.token)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);
    expect(await db().entitlement.count({ where: { paymentId: fresh.paymentId } })).toBe(1);
    const winner = browsers[answers.findIndex((answer) => answer.status === 200)]!;
    expect(await read(winner)).toContain(SECRET);
  });
});

describe("signed-in givers and claimers", () => {
  it("show the link on every device of the giver's account, and open the gift on every device of the claimer's", async () => {
    const giver = await signInWithWallet(server.url);
    const giverElsewhere = await signInWithWallet(server.url, { privateKey: giver.privateKey });
    const gift = await buyGift(server.url, giver.cookie, "article", article.id);
    const there = await get(`${server.url}/api/payments/${gift.paymentId}/gift`, { cookie: giverElsewhere.cookie });
    expect(there.status).toBe(200);
    expect((await get(`${server.url}/library`, { cookie: giverElsewhere.cookie })).text).toContain(`/gifts/${gift.token}`);
    expect((await get(`${server.url}/gifts/${gift.token}`, { cookie: giverElsewhere.cookie })).text).toContain("This is your gift link");

    const claimer = await signInWithWallet(server.url);
    expect((await claimJson(server.url, claimer.cookie, gift.token)).status).toBe(200);
    const claimerElsewhere = await signInWithWallet(server.url, { privateKey: claimer.privateKey });
    expect(await read(claimerElsewhere.cookie)).toContain(SECRET);
    expect((await get(`${server.url}/gifts/${gift.token}`, { cookie: claimerElsewhere.cookie })).text).toContain("You claimed this gift");
    expect(await read(giverElsewhere.cookie)).not.toContain(SECRET);
  });
});

describe("a pass gift", () => {
  it("is sold like the pass, and runs from the claimer's current pass end", async () => {
    const offer = await db().passOffer.create({ data: { issuerId: article.authorId, priceSats: 300, days: 30 } });
    const claimer = await newBrowser(server.url);
    const invoice = invoiceIn((await get(`${server.url}/passes/${offer.id}`, { cookie: claimer })).text);
    await postJson(`${server.url}/api/dev/wallet/pay`, { invoice });
    const ownPass = await waitFor(() => db().entitlement.findFirst({ where: { kind: "pass", payment: { paymentRequest: invoice } } }));
    const giver = await newBrowser(server.url);
    const gift = await buyGift(server.url, giver, "pass", offer.id);
    expect(await amountsByAccount(gift.paymentId)).toEqual({ node: -300_000n, site: 30_000n, lead: 270_000n });
    expect(await db().entitlement.count({ where: { paymentId: gift.paymentId } })).toBe(0);
    expect(await read(giver)).not.toContain(SECRET);

    const claimed = await claimJson(server.url, claimer, gift.token);
    expect(JSON.parse(claimed.text)).toMatchObject({ claimed: true, location: `/passes/${offer.id}` });
    const granted = await db().entitlement.findFirstOrThrow({ where: { paymentId: gift.paymentId } });
    expect(granted).toMatchObject({ kind: "pass", buyerId: ownPass.buyerId, resource: `pass:author:${article.authorId}` });
    expect(granted.validUntil!.getTime()).toBe(ownPass.validUntil!.getTime() + 30 * DAY_MS);

    // A claimer without a pass: 30 days from the claim; it opens the author's articles.
    const second = await buyGift(server.url, giver, "pass", offer.id);
    const newcomer = await newBrowser(server.url);
    expect((await claimJson(server.url, newcomer, second.token)).status).toBe(200);
    const fresh = await db().entitlement.findFirstOrThrow({ where: { paymentId: second.paymentId } });
    const { claimedAt } = await db().gift.findUniqueOrThrow({ where: { token: second.token } });
    expect(fresh.validUntil!.getTime()).toBe(claimedAt!.getTime() + 30 * DAY_MS);
    expect(await read(newcomer)).toContain(SECRET);
  });
});

describe("bad input", () => {
  it("answers unknown and malformed tokens with 404, bad purchases with a clear 4xx, never a 500", async () => {
    const cookie = await newBrowser(server.url);
    for (const token of ["nope", randomBytes(32).toString("base64url"), "x".repeat(43), "..%2F..%2Fetc"]) {
      expect((await get(`${server.url}/gifts/${token}`, { cookie })).status, token).toBe(404);
      expect((await claimJson(server.url, cookie, token)).status, token).toBe(404);
      expect((await post(`${server.url}/api/gifts/${token}/claim`, undefined, { cookie })).status, token).toBe(404);
    }
    const free = await createArticle({ priceSats: 0 });
    const draft = await createArticle({ priceSats: 10, status: "draft" });
    const cases: Array<[unknown, number]> = [
      [{ kind: "file", id: article.id }, 400],
      [{ kind: "article", id: "x" }, 400],
      [{ kind: "article", id: article.id, extra: 1 }, 400],
      [{ kind: "article" }, 400],
      [{ kind: "article", id: "c".repeat(25) }, 404],
      [{ kind: "pass", id: article.id }, 404],
      [{ kind: "article", id: free.id }, 404],
      [{ kind: "article", id: draft.id }, 404],
    ];
    for (const [body, status] of cases) {
      const response = await postJson(`${server.url}/api/gifts`, body, { cookie });
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(JSON.parse(response.text).error.message).toBeTruthy();
    }
    expect((await post(`${server.url}/api/gifts`, "{", { cookie, headers: { "content-type": "application/json" } })).status).toBe(400);
    const { token } = await buyGift(server.url, cookie, "article", article.id);
    const cookieless = await claimJson(server.url, "", token);
    expect(cookieless.status).toBe(400);
    expect(server.logs()).not.toMatch(/unhandled route error/);
    await expectBooksMatchNode(devNode);
  });
});
