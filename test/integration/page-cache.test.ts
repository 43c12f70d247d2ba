import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { send, signInActors } from "@/test/support/authors";
import { waitFor } from "@/test/support/fixtures";
import { cookieHeader, get, invoiceIn, postJson } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// The public parts of article, home and author pages are cached per process (lib/cache/page-cache.ts).
// The server runs with a 10-minute cache lifetime, so only the invalidations can make a change
// show: each change below must be on the very next request. The paid body is never in that cache:
// a buyer's request followed by a non-buyer's, RSC and prefetch requests, and a free article
// turned paid, must not hand it to someone who has not paid.

const SENTINEL = "SENTINEL-CACHED-BODY-51c2e9";
const EDITED = "SENTINEL-EDITED-BODY-9a04d7";
let server: SiteServer;
let people: Awaited<ReturnType<typeof signInActors>>;

beforeAll(async () => {
  server = await startSiteServer({ env: { PAGE_CACHE_MS: "600000" } });
  await shareServerDatabase(server);
  people = await signInActors(server.url);
});
afterAll(async () => server?.stop());

async function publishedArticle(input: { title: string; priceSats: number; body: string }) {
  const created = await send(server.url, people.authorA, "POST", "/api/articles", { teaser: "Public teaser.", ...input });
  expect(created.status, created.text).toBe(201);
  const article = JSON.parse(created.text) as { id: string; slug: string };
  expect((await send(server.url, people.authorA, "POST", `/api/articles/${article.id}/publish`, {})).status).toBe(200);
  return article;
}

const edit = (id: string, fields: Record<string, unknown>) => send(server.url, people.authorA, "PATCH", `/api/articles/${id}`, fields);
const page = (slug: string, cookie?: string, headers: Record<string, string> = {}) => get(`${server.url}/articles/${slug}`, { cookie, headers, follow: true });
const newReader = async (slug: string) => cookieHeader((await page(slug)).cookies);

/** Every way a reader's browser can fetch the article: the page, its RSC payload and a prefetch of it. */
async function everyFetch(slug: string, cookie: string) {
  const rsc = { RSC: "1", "Next-Url": `/articles/${slug}` };
  return [
    await page(slug, cookie),
    await page(slug),
    await get(`${server.url}/articles/${slug}?_rsc=c1`, { cookie, headers: rsc, follow: true }),
    await get(`${server.url}/articles/${slug}?_rsc=c2`, { cookie, headers: { ...rsc, "Next-Router-Prefetch": "1" }, follow: true }),
    await get(`${server.url}/articles/${slug}`, { cookie, headers: { ...rsc, "Next-Router-Prefetch": "1" }, follow: true }),
    await get(`${server.url}/`, { cookie }),
    await get(`${server.url}/authors/${people.authorA.userId}`, { cookie }),
  ];
}

describe("cached article, home and author pages", () => {
  it("are served from the cache: a write that bypasses the site does not show, one through it shows at once", async () => {
    const article = await publishedArticle({ title: "Cached title", priceSats: 0, body: "Free words." });
    expect((await page(article.slug)).text).toContain("Cached title");
    expect((await get(`${server.url}/`)).text).toContain("Cached title");
    // Straight into the database: no invalidation, so the cached pages keep the old title.
    await db().article.update({ where: { id: article.id }, data: { title: "Changed behind the cache" } });
    expect((await page(article.slug)).text).toContain("Cached title");
    expect((await get(`${server.url}/`)).text).toContain("Cached title");
    expect((await edit(article.id, { title: "Edited title" })).status).toBe(200);
    expect((await page(article.slug)).text).toContain("Edited title");
    expect((await get(`${server.url}/`)).text).toContain("Edited title");
    expect((await get(`${server.url}/authors/${people.authorA.userId}`)).text).toContain("Edited title");
  });

  it("show an unpublish, publish, removal, restore, co-author and name change on the next request", async () => {
    const article = await publishedArticle({ title: "Moving article", priceSats: 0, body: "Free words." });
    const home = async () => (await get(`${server.url}/`)).text;
    expect(await home()).toContain("Moving article");

    expect((await send(server.url, people.authorA, "POST", `/api/articles/${article.id}/unpublish`, {})).status).toBe(200);
    expect((await page(article.slug)).status).toBe(404);
    expect(await home()).not.toContain("Moving article");

    expect((await send(server.url, people.authorA, "POST", `/api/articles/${article.id}/publish`, {})).status).toBe(200);
    expect((await page(article.slug)).text).toContain("Free words.");
    expect(await home()).toContain("Moving article");

    expect((await send(server.url, people.admin, "POST", `/api/admin/articles/${article.id}/remove`, {})).status).toBe(200);
    const removed = await page(article.slug);
    expect(removed.text).toContain('data-testid="article-removed"');
    expect(removed.text).not.toContain("Free words.");
    expect(await home()).not.toContain("Moving article");
    expect((await send(server.url, people.admin, "POST", `/api/admin/articles/${article.id}/restore`, {})).status).toBe(200);
    expect((await page(article.slug)).text).toContain("Free words.");

    const coAuthor = await db().profile.findUniqueOrThrow({ where: { userId: people.authorB.userId! } });
    const shares = await send(server.url, people.authorA, "PUT", `/api/articles/${article.id}/authors`, { leadPercent: 60, coAuthors: [{ who: people.authorB.userId, percent: 40 }] });
    expect(shares.status, shares.text).toBe(200);
    expect((await page(article.slug)).text).toContain(`/authors/${coAuthor.userId}`);

    expect((await send(server.url, people.authorB, "PATCH", "/api/account", { displayName: "Renamed Coauthor" })).status).toBe(200);
    expect((await page(article.slug)).text).toContain("Renamed Coauthor");
    expect(await home()).toContain("Renamed Coauthor");
  });

  it("never hand the paid body to a non-buyer: after a buyer's request, in RSC and prefetch payloads, after an edit", async () => {
    const article = await publishedArticle({ title: "Cached paid article", priceSats: 300, body: `Paid part. ${SENTINEL}` });
    const buyer = await newReader(article.slug);
    await postJson(`${server.url}/api/dev/wallet/pay`, { invoice: invoiceIn((await page(article.slug, buyer)).text) });
    await waitFor(async () => (await page(article.slug, buyer)).text.includes(SENTINEL));
    const rscOfBuyer = await get(`${server.url}/articles/${article.slug}?_rsc=b1`, { cookie: buyer, headers: { RSC: "1" }, follow: true });
    expect(rscOfBuyer.text).toContain(SENTINEL);

    const stranger = await newReader(article.slug);
    for (const response of await everyFetch(article.slug, stranger)) expect(response.text).not.toContain(SENTINEL);

    // The author edits the body: the buyer reads the new one on the next request, the stranger neither.
    expect((await edit(article.id, { body: `Paid part, revised. ${EDITED}` })).status).toBe(200);
    expect((await page(article.slug, buyer)).text).toContain(EDITED);
    for (const response of await everyFetch(article.slug, stranger)) {
      expect(response.text).not.toContain(SENTINEL);
      expect(response.text).not.toContain(EDITED);
    }
  });

  it("drop a free article's cached body the moment it gets a price", async () => {
    const article = await publishedArticle({ title: "Free, then paid", priceSats: 0, body: `Given away. ${SENTINEL}` });
    const reader = await newReader(article.slug);
    expect((await page(article.slug, reader)).text).toContain(SENTINEL);
    expect((await edit(article.id, { priceSats: 500, body: `Now sold. ${EDITED}` })).status).toBe(200);
    for (const response of await everyFetch(article.slug, reader)) {
      expect(response.text).not.toContain(SENTINEL);
      expect(response.text).not.toContain(EDITED);
    }
    expect((await page(article.slug, reader)).text).toContain('data-testid="paywall"');
  });
});
