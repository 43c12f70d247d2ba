import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { cookieHeader, get, post, postJson } from "@/test/support/http";
import { invoiceUrlIn, newReaderInvoice } from "@/test/support/reader";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// A new reader's invoice (app/api/articles/[id]/invoice): the first visit's page creates nothing
// and names the route; the paywall asks it for the invoice with the cookie sent back. Production
// build, dev node.
let server: SiteServer;
beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
});
afterAll(async () => server?.stop());

const ask = (url: string, cookie?: string, headers: Record<string, string> = {}) =>
  post(`${server.url}${url}`, "{}", { cookie, headers: { "content-type": "application/json", origin: server.url, ...headers } });
const errorCode = (text: string) => (JSON.parse(text) as { error?: { code?: string } }).error?.code;

describe("a new reader's first visit", () => {
  it("renders the page without an invoice and names the invoice route; without the cookie the route makes none", async () => {
    const article = await createArticle({ priceSats: 55, body: "Not before paying." });
    const first = await get(`${server.url}/articles/${article.slug}`);
    expect(first.cookies).toHaveProperty("lp_buyer");
    expect(invoiceUrlIn(first.text)).toBe(`/api/articles/${article.id}/invoice`);
    expect(first.text).not.toMatch(/lnbcrt[0-9a-z]{20}/);
    // A client that keeps no cookies (a crawler running the script, a privacy mode) gets no invoice.
    const cookieless = await ask(invoiceUrlIn(first.text));
    expect(cookieless.status).toBe(400);
    expect(errorCode(cookieless.text)).toBe("no_buyer");
    expect(await db().payment.count({ where: { articleId: article.id } })).toBe(0);
  });

  it("gets the invoice and its QR code from the route with the cookie, the same one when asked again or on a reload", async () => {
    const article = await createArticle({ priceSats: 1000, body: "Paid words." });
    const reader = await newReaderInvoice(server.url, article.slug);
    expect(reader.invoice).toMatch(/^lnbcrt10u1/);
    expect(reader.qrSvg).toMatch(/^<svg/);
    expect(reader.amountSats).toBe(1000);
    const payment = await db().payment.findUniqueOrThrow({ where: { id: reader.paymentId } });
    expect(payment).toMatchObject({ status: "pending_payment", paymentRequest: reader.invoice, articleId: article.id, amountSats: 1000 });
    expect(payment.invoiceExpiresAt!.toISOString()).toBe(reader.expiresAt);

    const again = await ask(`/api/articles/${article.id}/invoice`, reader.cookie);
    expect(again.status).toBe(200);
    expect(again.headers.get("cache-control")).toBe("no-store");
    expect(JSON.parse(again.text)).toMatchObject({ state: "waiting", paymentId: reader.paymentId, paymentRequest: reader.invoice });
    // Without JavaScript the paywall's link reloads the page, which shows the same invoice.
    const reload = await get(`${server.url}/articles/${article.slug}`, { cookie: reader.cookie });
    expect(reload.text).toContain(reader.invoice);
    expect(reload.text).not.toContain("Paid words.");
    expect(await db().payment.count({ where: { articleId: article.id } })).toBe(1);
  });

  it("answers a reader who already paid with state paid, never the body", async () => {
    const article = await createArticle({ priceSats: 21, body: "Bought already." });
    const reader = await newReaderInvoice(server.url, article.slug);
    expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice: reader.invoice }, { cookie: reader.cookie })).status).toBe(200);
    await waitFor(async () => (await db().payment.findUnique({ where: { id: reader.paymentId } }))?.status === "complete", { timeoutMs: 20_000 });
    const paid = await ask(`/api/articles/${article.id}/invoice`, reader.cookie);
    expect(paid.status).toBe(200);
    expect(JSON.parse(paid.text)).toEqual({ state: "paid" });
  });
});

describe("the invoice route refuses bad input with a 4xx", () => {
  it("answers malformed, unknown, free and unpublished articles with 404 and creates nothing", async () => {
    const free = await createArticle({ priceSats: 0 });
    const draft = await createArticle({ priceSats: 30, status: "draft" });
    const cookie = cookieHeader((await get(`${server.url}/articles/${free.slug}`)).cookies);
    for (const id of ["not-an-id", "A".repeat(25), "x".repeat(300), "c".repeat(25), free.id, draft.id]) {
      const answer = await ask(`/api/articles/${id}/invoice`, cookie);
      expect(answer.status, id).toBe(404);
      expect(errorCode(answer.text), id).toMatch(/^(no_such_article|not_on_sale)$/);
    }
    expect(await db().payment.count({ where: { articleId: { in: [free.id, draft.id] } } })).toBe(0);
  });

  it("refuses a cross-site request, a forged cookie and a GET", async () => {
    const article = await createArticle({ priceSats: 40 });
    const url = `/api/articles/${article.id}/invoice`;
    const cookie = cookieHeader((await get(`${server.url}/articles/${article.slug}`)).cookies);
    expect((await ask(url, cookie, { origin: "https://evil.example" })).status).toBe(403);
    const forged = await ask(url, cookie.replace(/=([^.;]+)/, "=cforgedbuyer00000000000000"));
    expect(forged.status).toBe(400);
    expect((await get(`${server.url}${url}`, { cookie })).status).toBe(405);
    expect(await db().payment.count({ where: { articleId: article.id } })).toBe(0);
  });

  it("keeps the per-browser invoice cap: the 11th open invoice is a 429 busy", async () => {
    const articles = [];
    for (let i = 0; i < 11; i++) articles.push(await createArticle({ priceSats: 60 + i }));
    const cookie = cookieHeader((await get(`${server.url}/articles/${articles[0]!.slug}`)).cookies);
    for (const article of articles.slice(0, 10)) expect((await ask(`/api/articles/${article.id}/invoice`, cookie)).status).toBe(200);
    const refused = await ask(`/api/articles/${articles[10]!.id}/invoice`, cookie);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(errorCode(refused.text)).toBe("busy");
    expect(await db().payment.count({ where: { articleId: articles[10]!.id, paymentHash: { not: null } } })).toBe(0);
  });
});
