import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBody } from "@/lib/access/entitlement-queries";
import { db } from "@/lib/db/client";
import { SITE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { type Actor, errorOf, send, signInActors } from "@/test/support/authors";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { waitFor } from "@/test/support/fixtures";
import { cookieHeader, get, invoiceIn, postJson } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// All-access passes on the dev node through the production server: an author's pass opens every
// paid article of that author and nothing else, ends at validUntil, renews from its current end;
// the site pass opens everything; the money is split site fee / author.

const DAY_MS = 86_400_000;
let server: SiteServer;
let people: Awaited<ReturnType<typeof signInActors>>;
const secret = () => `secret-${randomBytes(6).toString("hex")}`;
type Paid = { id: string; slug: string; secret: string };
const articles: { a1?: Paid; a2?: Paid; b?: Paid } = {};

async function article(authorId: string): Promise<Paid> {
  const word = secret();
  const slug = `pass-${randomBytes(4).toString("hex")}`;
  const row = await db().article.create({
    data: { slug, title: `Pass test ${slug}`, teaser: "Public teaser.", body: `Paid part ${word}.`, priceSats: 50, status: "visible", publishedAt: new Date(), authorId },
  });
  return { id: row.id, slug, secret: word };
}

/** A browser: the first request sets its buyer cookie, later ones send it back. */
async function newReader(): Promise<string> {
  const first = await get(`${server.url}/`);
  const landing = await get(`${server.url}/articles/${articles.a1!.slug}`, { cookie: cookieHeader(first.cookies) });
  return cookieHeader(landing.cookies);
}

/** Buys the offer's pass in this browser through /passes/<id> and the dev wallet; returns the payment. */
async function buyPass(cookie: string, offerId: string) {
  const page = await get(`${server.url}/passes/${offerId}`, { cookie });
  expect(page.status).toBe(200);
  const invoice = invoiceIn(page.text);
  expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice })).status).toBe(200);
  return waitFor(() => db().payment.findFirst({ where: { paymentRequest: invoice, status: "complete" }, include: { entitlements: true } }));
}

const read = (cookie: string, paid: Paid) => get(`${server.url}/articles/${paid.slug}`, { cookie }).then((r) => r.text);
const setOffer = (who: Actor, path: string, offer: unknown) => send(server.url, who, "PUT", path, { offer });

beforeAll(async () => {
  server = await startSiteServer({ env: { SITE_FEE_PERCENT: "10" } });
  await shareServerDatabase(server);
  people = await signInActors(server.url);
  articles.a1 = await article(people.authorA.userId!);
  articles.a2 = await article(people.authorA.userId!);
  articles.b = await article(people.authorB.userId!);
});
afterAll(async () => server?.stop());

describe("pass offers", () => {
  it("refuses bad input and the wrong people with a clear 4xx", async () => {
    const path = "/api/account/pass-offer";
    for (const offer of [{ priceSats: 0, days: 30 }, { priceSats: 10, days: 0 }, { priceSats: 1.5, days: 3 }, { priceSats: "10", days: 3 }, { priceSats: 10 }, "x"]) {
      const response = await setOffer(people.authorA, path, offer);
      expect(response.status).toBe(400);
      expect(errorOf(response).message).toBeTruthy();
    }
    expect((await send(server.url, people.authorA, "PUT", path, "{not json")).status).toBe(400);
    expect((await setOffer(people.reader, path, { priceSats: 10, days: 3 })).status).toBe(403);
    expect((await setOffer(people.anonymous, path, { priceSats: 10, days: 3 })).status).toBe(401);
    expect((await setOffer(people.authorA, "/api/admin/pass-offer", { priceSats: 10, days: 3 })).status).toBe(403);
    expect((await get(`${server.url}/passes/nope`)).status).toBe(404);
    expect((await get(`${server.url}/passes/clxxxxxxxxxxxxxxxxxxxxxxx`)).status).toBe(404);
  });
});

describe("an author's pass", () => {
  let offerId = "";
  let cookie = "";

  it("is offered on the author's paywall, and opens every paid article of that author only", async () => {
    const set = await setOffer(people.authorA, "/api/account/pass-offer", { priceSats: 200, days: 30 });
    expect(set.status).toBe(200);
    offerId = (JSON.parse(set.text) as { offer: { id: string } }).offer.id;
    const dashboard = await get(`${server.url}/dashboard`, { cookie: people.authorA.cookie });
    expect(dashboard.text).toMatch(/data-testid="pass-offer-form"[\s\S]*value="200"[\s\S]*value="30"/);
    cookie = await newReader();
    const paywall = await read(cookie, articles.a1!);
    expect(paywall).toContain(`href="/passes/${offerId}"`);
    expect(paywall).not.toContain(articles.a1!.secret);
    expect(await read(cookie, articles.b!)).not.toContain(`/passes/${offerId}`);

    const payment = await buyPass(cookie, offerId);
    const [entitlement] = payment.entitlements;
    expect(entitlement).toMatchObject({ kind: "pass", resource: `pass:author:${people.authorA.userId}` });
    expect(entitlement!.validUntil!.getTime()).toBe(payment.settledAt!.getTime() + 30 * DAY_MS);
    for (const paid of [articles.a1!, articles.a2!]) {
      const html = await read(cookie, paid);
      expect(html).toContain(paid.secret);
      expect(html).toContain("Included in your pass (until");
    }
    const other = await read(cookie, articles.b!);
    expect(other).not.toContain(articles.b!.secret);
    expect(other).toContain('data-testid="paywall"');
    // The body query itself refuses author B's body with author A's pass entitlement.
    expect(await readBody(articles.b!.id, { entitlementId: entitlement!.id })).toBeNull();
    expect(await readBody(articles.a2!.id, { entitlementId: entitlement!.id })).toContain(articles.a2!.secret);

    // The money: 10% site fee, the rest to author A.
    const entries = await db().ledgerEntry.findMany({ where: { paymentId: payment.id } });
    const by = Object.fromEntries(entries.map((e) => [e.account, e.amountMsats]));
    expect(by).toEqual({ node: -200_000n, [SITE_ACCOUNT]: 20_000n, [userAccount(people.authorA.userId!)]: 180_000n });
  });

  it("renewed early, extends from the current end", async () => {
    const before = await db().entitlement.findFirstOrThrow({ where: { kind: "pass", buyerId: { not: null }, resource: `pass:author:${people.authorA.userId}` } });
    const page = await get(`${server.url}/passes/${offerId}`, { cookie });
    expect(page.text.replace(/<!-- -->/g, "")).toContain(`Your pass runs until ${before.validUntil!.toISOString().slice(0, 10)}.`);
    const renewal = await buyPass(cookie, offerId);
    expect(renewal.id).not.toBe(before.paymentId);
    expect(renewal.entitlements[0]!.validUntil!.getTime()).toBe(before.validUntil!.getTime() + 30 * DAY_MS);
  });

  it("stops at validUntil", async () => {
    const buyer = await db().entitlement.findFirstOrThrow({ where: { resource: `pass:author:${people.authorA.userId}` } });
    await db().entitlement.updateMany({ where: { buyerId: buyer.buyerId, kind: "pass" }, data: { validUntil: new Date(Date.now() - 1000) } });
    const html = await read(cookie, articles.a1!);
    expect(html).not.toContain(articles.a1!.secret);
    expect(html).toContain('data-testid="paywall"');
    expect(await readBody(articles.a1!.id, { entitlementId: buyer.id })).toBeNull();
  });
});

describe("the site pass", () => {
  it("is set by admins only, and opens every author's paid articles", async () => {
    expect((await setOffer(people.admin, "/api/admin/pass-offer", { priceSats: 0, days: 7 })).status).toBe(400);
    const set = await setOffer(people.admin, "/api/admin/pass-offer", { priceSats: 500, days: 7 });
    expect(set.status).toBe(200);
    const offerId = (JSON.parse(set.text) as { offer: { id: string } }).offer.id;
    const admin = await get(`${server.url}/admin`, { cookie: people.admin.cookie });
    expect(admin.text).toMatch(/data-testid="pass-offer-form"[\s\S]*value="500"[\s\S]*value="7"/);
    const cookie = await newReader();
    expect(await read(cookie, articles.b!)).toContain(`href="/passes/${offerId}"`);
    const payment = await buyPass(cookie, offerId);
    expect(payment.entitlements[0]).toMatchObject({ kind: "pass", resource: "pass:site" });
    for (const paid of [articles.a1!, articles.a2!, articles.b!]) expect(await read(cookie, paid)).toContain(paid.secret);
    const entries = await db().ledgerEntry.findMany({ where: { paymentId: payment.id } });
    expect(Object.fromEntries(entries.map((e) => [e.account, e.amountMsats]))).toEqual({ node: -500_000n, [SITE_ACCOUNT]: 500_000n });
    // Withdrawn: the offer is no longer sold.
    expect((await setOffer(people.admin, "/api/admin/pass-offer", null)).status).toBe(200);
    expect((await get(`${server.url}/passes/${offerId}`, { cookie })).status).toBe(404);
    await expectBooksMatchNode(devNode);
  });
});
