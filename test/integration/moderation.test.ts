import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { send, signInActors } from "@/test/support/authors";
import { waitFor } from "@/test/support/fixtures";
import { cookieHeader, get, postJson } from "@/test/support/http";
import { newReaderInvoice } from "@/test/support/reader";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// Removed articles, the author dashboard and Markdown safety, on the production build with
// accounts signed in through LNURL-auth (test/support/authors.ts).
let server: SiteServer;
let people: Awaited<ReturnType<typeof signInActors>>;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  people = await signInActors(server.url);
});
afterAll(async () => server?.stop());

const unique = () => randomBytes(4).toString("hex");

async function publishAsA(input: { title: string; priceSats: number; teaser?: string; body: string }) {
  const created = await send(server.url, people.authorA, "POST", "/api/articles", input);
  expect(created.status).toBe(201);
  const { id, slug } = JSON.parse(created.text) as { id: string; slug: string };
  expect((await send(server.url, people.authorA, "POST", `/api/articles/${id}/publish`, {})).status).toBe(200);
  return { id, slug };
}

/** A new browser buys the article with the dev wallet; returns its cookie once the payment is complete. */
async function buy(slug: string, articleId: string) {
  const { cookie, invoice } = await newReaderInvoice(server.url, slug);
  expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice })).status).toBe(200);
  await waitFor(() => db().payment.findFirst({ where: { articleId, status: "complete" } }), { timeoutMs: 10_000 });
  return cookie;
}

/** A browser that never bought: first visit for the cookie, then the page it would show. */
async function nonBuyerPage(slug: string) {
  const first = await get(`${server.url}/articles/${slug}`);
  return get(`${server.url}/articles/${slug}`, { cookie: cookieHeader(first.cookies) });
}

describe("an article its author unpublished", () => {
  it("answers 404 to everyone who did not buy it, and keeps serving its buyers", async () => {
    const paidText = `Unpublished words ${unique()}`;
    const { id, slug } = await publishAsA({ title: `Withdrawn ${unique()}`, priceSats: 40, body: paidText });
    const buyer = await buy(slug, id);
    expect((await send(server.url, people.authorA, "POST", `/api/articles/${id}/unpublish`, {})).status).toBe(200);
    const paymentsBefore = await db().payment.count({ where: { articleId: id } });
    const stranger = await nonBuyerPage(slug);
    expect(stranger.status).toBe(404);
    expect(stranger.text).not.toContain(paidText);
    expect(await db().payment.count({ where: { articleId: id } })).toBe(paymentsBefore);
    const bought = await get(`${server.url}/articles/${slug}`, { cookie: buyer });
    expect(bought.status).toBe(200);
    expect(bought.text).toContain(paidText);
    expect(bought.text).toContain('data-testid="unpublished-but-bought"');
  });
});

describe("an article removed by the admins", () => {
  it("leaves the home page, tells non-buyers it was removed (no teaser, no invoice), keeps serving buyers, and comes back on restore", async () => {
    const title = `Removable ${unique()}`;
    const paidText = `Paid words ${unique()}`;
    const { id, slug } = await publishAsA({ title, priceSats: 50, teaser: "Teaser of the removable one.", body: paidText });
    const buyer = await buy(slug, id);

    const removed = await send(server.url, people.admin, "POST", `/api/admin/articles/${id}/remove`, {});
    expect(JSON.parse(removed.text)).toEqual({ id, status: "deleted_by_admin", changed: true });
    expect(JSON.parse((await send(server.url, people.admin, "POST", `/api/admin/articles/${id}/remove`, {})).text).changed).toBe(false);
    expect((await get(`${server.url}/`)).text).not.toContain(`/articles/${slug}"`);

    const paymentsBefore = await db().payment.count({ where: { articleId: id } });
    const invoicesBefore = await db().devInvoice.count();
    const page = await nonBuyerPage(slug);
    expect(page.status).toBe(200);
    expect(page.text).toContain(title);
    expect(page.text).toMatch(/This article was removed by the site(&#x27;|')s administrators/);
    expect(page.text).not.toContain("Teaser of the removable one.");
    expect(page.text).not.toContain(paidText);
    expect(page.text).not.toMatch(/lnbcrt[0-9a-z]{20}/);
    expect(await db().payment.count({ where: { articleId: id } })).toBe(paymentsBefore);
    expect(await db().devInvoice.count()).toBe(invoicesBefore);

    const bought = await get(`${server.url}/articles/${slug}`, { cookie: buyer });
    expect(bought.status).toBe(200);
    expect(bought.text).toContain(paidText);
    expect(bought.text).toContain('data-testid="removed-but-bought"');

    // The author cannot bring it back, nor change what the admins removed.
    expect((await send(server.url, people.authorA, "POST", `/api/articles/${id}/publish`, {})).status).toBe(403);
    expect((await send(server.url, people.authorA, "PATCH", `/api/articles/${id}`, { title: "Sneaky" })).status).toBe(403);

    const admin = await get(`${server.url}/admin`, { cookie: people.admin.cookie });
    expect(admin.text).toMatch(new RegExp(`data-article-id="${id}"[\\s\\S]*?Restore`));

    expect(JSON.parse((await send(server.url, people.admin, "POST", `/api/admin/articles/${id}/restore`, {})).text)).toEqual({ id, status: "visible", changed: true });
    expect((await get(`${server.url}/`)).text).toContain(`href="/articles/${slug}"`);
    const again = await nonBuyerPage(slug);
    expect(again.text).toContain("Teaser of the removable one.");
    expect(again.text).toMatch(/lnbcrt500n1[0-9a-z]+/);
  });

  it("hides even a free article's body once removed, and a draft cannot be removed (409)", async () => {
    const { id, slug } = await publishAsA({ title: `Free removable ${unique()}`, priceSats: 0, body: "Free but removed text." });
    await send(server.url, people.admin, "POST", `/api/admin/articles/${id}/remove`, {});
    const page = await get(`${server.url}/articles/${slug}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain("Free but removed text.");

    const draft = JSON.parse((await send(server.url, people.authorA, "POST", "/api/articles", { title: `Draft ${unique()}`, priceSats: 1 })).text);
    const refused = await send(server.url, people.admin, "POST", `/api/admin/articles/${draft.id}/remove`, {});
    expect(refused.status).toBe(409);
    expect((await get(`${server.url}/articles/${draft.slug}`)).status).toBe(404);
  });
});

describe("open invoices of a withdrawn article", () => {
  it("are canceled when the admins remove it or its author unpublishes it: the dev wallet can no longer pay them", async () => {
    for (const withdraw of [
      (id: string) => send(server.url, people.admin, "POST", `/api/admin/articles/${id}/remove`, {}),
      (id: string) => send(server.url, people.authorA, "POST", `/api/articles/${id}/unpublish`, {}),
    ]) {
      const { id, slug } = await publishAsA({ title: `Withdrawn with open invoice ${unique()}`, priceSats: 30, body: `Never sold ${unique()}` });
      const { invoice } = await newReaderInvoice(server.url, slug);
      expect((await withdraw(id)).status).toBe(200);
      const refused = await postJson(`${server.url}/api/dev/wallet/pay`, { invoice });
      expect(refused.status).toBe(410);
      expect(JSON.parse(refused.text).error.code).toBe("invoice_canceled");
      expect((await db().payment.findFirstOrThrow({ where: { paymentRequest: invoice } })).status).toBe("expired");
    }
  });

  it("settled late anyway are listed for the admins as paid after withdrawal", async () => {
    const { id, slug } = await publishAsA({ title: `Late payment ${unique()}`, priceSats: 30, body: "Late." });
    const { invoice } = await newReaderInvoice(server.url, slug);
    await send(server.url, people.admin, "POST", `/api/admin/articles/${id}/remove`, {});
    // As if the node had settled it in the moment before the cancel reached it.
    await db().payment.updateMany({ where: { paymentRequest: invoice }, data: { status: "complete", settledAt: new Date(), settledAfterWithdrawal: true } });
    const admin = await get(`${server.url}/admin`, { cookie: people.admin.cookie });
    expect(admin.text).toContain("Paid after withdrawal");
    expect(admin.text).toMatch(new RegExp(`data-testid="late-settlement"[\\s\\S]*?Late payment`));
  });
});

describe("/api/health", () => {
  it("tells the public only ok/degraded, and gives an admin the node's details", async () => {
    const anonymous = await get(`${server.url}/api/health`);
    expect(JSON.parse(anonymous.text)).toEqual({ status: "ok" });
    const admin = JSON.parse((await send(server.url, people.admin, "GET", "/api/health")).text);
    expect(admin.lightning).toMatchObject({ ok: true, backend: "dev" });
    expect(admin.lightning.pubkey).toMatch(/^0[23][0-9a-f]{64}$/);
    const reader = JSON.parse((await send(server.url, people.reader, "GET", "/api/health")).text);
    expect(reader).toEqual({ status: "ok" });
  });
});

describe("the author dashboard", () => {
  it("shows views, sales and sats earned for a completed payment, and the day's bar in the chart", async () => {
    const { id, slug } = await publishAsA({ title: `Earner ${unique()}`, priceSats: 42, body: "Worth 42 sats." });
    const before = await get(`${server.url}/dashboard`, { cookie: people.authorA.cookie });
    const rowOf = (html: string) => new RegExp(`data-article-id="${id}"[\\s\\S]*?</tr>`).exec(html)![0];
    expect(rowOf(before.text)).toMatch(/data-testid="article-views">0</);
    await buy(slug, id);

    const dashboard = await get(`${server.url}/dashboard`, { cookie: people.authorA.cookie });
    expect(dashboard.status).toBe(200);
    const row = rowOf(dashboard.text);
    expect(row).toMatch(/data-testid="article-views">1</);
    expect(row).toMatch(/data-testid="article-sales">1</);
    expect(row).toMatch(/data-testid="article-earned">42</);
    expect(row).toContain(`href="/dashboard/articles/${id}"`);
    const today = new Date().toISOString().slice(0, 10);
    const bar = new RegExp(`data-day="${today}" data-sats="(\\d+)"`).exec(dashboard.text);
    expect(Number(bar?.[1])).toBeGreaterThanOrEqual(42);
    expect(dashboard.text).toContain(`<title>${today}: `);
    expect(dashboard.text).not.toContain("Worth 42 sats.");

    // Author B's dashboard knows nothing of A's sale.
    const other = await get(`${server.url}/dashboard`, { cookie: people.authorB.cookie });
    expect(other.text).not.toContain(id);
  });
});
