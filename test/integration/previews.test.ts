import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { get } from "@/test/support/http";
import { buyingBrowser, createAuthor, createAuthorArticle, getBytes, metaTags, pngSize } from "@/test/support/previews";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// Link previews: Open Graph and Twitter card tags on article pages, and the generated image.

const MARKER = "SENTINEL-PREVIEW-BODY-93c1f0";

let server: SiteServer;
let paid: { id: string; slug: string };
let free: { id: string; slug: string };
let author: { id: string };

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  author = await createAuthor("Grace Hopper");
  paid = await createAuthorArticle(author.id, { title: "Compilers & Coffee", priceSats: 1000, teaser: "What the machine <really> does.", body: `Paid text. ${MARKER}` });
  free = await createAuthorArticle(author.id, { title: "A free note", priceSats: 0, teaser: "Free for all." });
});
afterAll(async () => server?.stop());

const imageUrlOf = async (slug: string, cookie?: string) => metaTags((await get(`${server.url}/articles/${slug}`, cookie ? { cookie } : {})).text).get("og:image")!;

describe("link previews", () => {
  it("puts Open Graph and Twitter card tags with the teaser, author and price on an article page", async () => {
    const page = await get(`${server.url}/articles/${paid.slug}`);
    const tags = metaTags(page.text);
    expect(tags.get("og:title")).toBe("Compilers & Coffee");
    expect(tags.get("og:description")).toBe("What the machine <really> does.");
    expect(tags.get("description")).toBe("What the machine <really> does.");
    expect(tags.get("og:type")).toBe("article");
    expect(tags.get("og:url")).toBe(`${server.url}/articles/${paid.slug}`);
    expect(tags.get("og:site_name")).toBe("Lightning Press");
    expect(tags.get("article:author")).toBe(`${server.url}/authors/${author.id}`);
    expect(tags.get("author")).toBe("Grace Hopper");
    expect(tags.get("og:image")).toMatch(new RegExp(`^${server.url}/og/articles/${paid.slug}\\?v=[a-z0-9]+$`));
    expect(tags.get("og:image:width")).toBe("1200");
    expect(tags.get("og:image:height")).toBe("630");
    expect(tags.get("og:image:alt")).toBe("Compilers & Coffee, by Grace Hopper: Paid article: 1,000 sats");
    expect(tags.get("twitter:card")).toBe("summary_large_image");
    expect(tags.get("twitter:title")).toBe("Compilers & Coffee");
    expect(tags.get("twitter:description")).toBe("What the machine <really> does.");
    expect(tags.get("twitter:image")).toBe(tags.get("og:image"));
    expect(tags.get("twitter:label1")).toBe("Price");
    expect(tags.get("twitter:data1")).toBe("1,000 sats");
    expect(tags.get("twitter:data2")).toBe("Grace Hopper");
    expect(metaTags((await get(`${server.url}/articles/${free.slug}`)).text).get("twitter:data1")).toBe("Free");
    expect(page.text).toMatch(new RegExp(`<link rel="canonical" href="${server.url}/articles/${paid.slug}"/>`));
    expect(page.text).toMatch(new RegExp(`<link rel="alternate" type="application/rss\\+xml" href="${server.url}/feed.xml"`));
    // Crawlers get the tags in <head> (Next.js streams them into the body for browsers).
    const bot = await get(`${server.url}/articles/${paid.slug}`, { headers: { "User-Agent": "Twitterbot/1.0" } });
    expect(bot.text.slice(0, bot.text.indexOf("</head>"))).toContain('<meta name="twitter:card" content="summary_large_image"/>');
  });

  it("draws a 1200x630 PNG, cacheable, without cookies, for paid and free articles alike", async () => {
    for (const article of [paid, free]) {
      const image = await getBytes(await imageUrlOf(article.slug));
      expect(image.status).toBe(200);
      expect(image.headers.get("content-type")).toBe("image/png");
      expect(pngSize(image.bytes)).toEqual({ width: 1200, height: 630 });
      expect(image.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
      expect(image.headers.get("set-cookie")).toBeNull();
      const etag = image.headers.get("etag")!;
      expect((await getBytes(`${server.url}/og/articles/${article.slug}`, { "If-None-Match": etag })).status).toBe(304);
    }
  });

  it("draws the same bytes for a buyer and a stranger, and never from the body", async () => {
    const buyer = await buyingBrowser(server.url, paid.slug, MARKER);
    const url = await imageUrlOf(paid.slug, buyer);
    // The buyer's page carries the same tags as anyone's.
    expect(url).toBe(await imageUrlOf(paid.slug));
    const anonymous = await getBytes(url);
    const bought = await getBytes(url, { cookie: buyer });
    expect(bought.bytes.equals(anonymous.bytes)).toBe(true);
    expect(bought.bytes.includes(MARKER)).toBe(false);
    // A new body changes nothing in the picture; a new title does (so this comparison can fail).
    await db().article.update({ where: { id: paid.id }, data: { body: `Rewritten body, much longer than before. ${MARKER} `.repeat(40) } });
    expect((await getBytes(url, { cookie: buyer })).bytes.equals(anonymous.bytes)).toBe(true);
    await db().article.update({ where: { id: paid.id }, data: { title: "Compilers & Tea" } });
    const retitled = await getBytes(url);
    expect(retitled.status).toBe(200);
    expect(retitled.bytes.equals(anonymous.bytes)).toBe(false);
    await db().article.update({ where: { id: paid.id }, data: { priceSats: 2000, title: "Compilers & Coffee" } });
    expect((await getBytes(url)).bytes.equals(anonymous.bytes)).toBe(false);
  });

  it("answers 404 for drafts, unpublished, removed, unknown and malformed articles", async () => {
    const draft = await createAuthorArticle(author.id, { title: "Draft", priceSats: 5, status: "draft", publishedAt: null });
    const unpublished = await createAuthorArticle(author.id, { title: "Unpublished", priceSats: 5, status: "draft" });
    const removed = await createAuthorArticle(author.id, { title: "Removed", priceSats: 5, status: "deleted_by_admin" });
    for (const slug of [draft.slug, unpublished.slug, removed.slug, "no-such-article", "BAD_slug!", "x".repeat(300)]) {
      const response = await getBytes(`${server.url}/og/articles/${encodeURIComponent(slug)}`);
      expect(response.status, slug).toBe(404);
      expect(response.headers.get("content-type"), slug).toContain("application/json");
    }
    // Their pages carry no preview either.
    for (const slug of [unpublished.slug, removed.slug]) {
      const tags = metaTags((await get(`${server.url}/articles/${slug}`)).text);
      expect(tags.has("og:image"), slug).toBe(false);
    }
  });

  it("draws titles in any script without fetching a font or an emoji (no internet)", async () => {
    const world = await createAuthorArticle(author.id, { title: "東京 🚀 Ünïcödé ǅ ✓ — fin", priceSats: 7 });
    const started = Date.now();
    const image = await getBytes(`${server.url}/og/articles/${world.slug}`);
    expect(image.status).toBe(200);
    expect(pngSize(image.bytes)).toEqual({ width: 1200, height: 630 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(server.logs()).not.toMatch(/dynamic font|Failed to load|fetch failed|ENOTFOUND|EAI_AGAIN/i);
  });
});
