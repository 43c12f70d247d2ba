import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { get } from "@/test/support/http";
import { buyingBrowser, createAuthor, createAuthorArticle, decodeEntities } from "@/test/support/previews";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// The feeds: RSS 2.0 and Atom, the site's and each author's, parsed with a real RSS library.

const SENTINEL = "SENTINEL-FEED-PAID-BODY-5d1e8a";
const NASTY = `Tom & "Jerry's" <b>bold</b> ]]> <script>alert(1)</script>`;
const parser = new Parser({ customFields: { item: ["author", "summary", "updated", "published"] } });

let server: SiteServer;
let ada: { id: string };
let bo: { id: string };
let many: { id: string };
const slugs: Record<string, string> = {};

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  ada = await createAuthor(`Ada <&> "Lovelace"`);
  bo = await createAuthor("Bo Writer");
  many = await createAuthor("Prolific");
  const minute = 60_000;
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * minute);
  slugs.paid = (await createAuthorArticle(ada.id, { title: NASTY, priceSats: 1000, teaser: "Teaser with <tags> & ampersands.", body: `Paid part. ${SENTINEL}`, publishedAt: at(1) })).slug;
  slugs.free = (await createAuthorArticle(ada.id, { title: "A free one", priceSats: 0, body: `Free body ${SENTINEL}-free`, publishedAt: at(2) })).slug;
  slugs.bo = (await createAuthorArticle(bo.id, { title: "By Bo", priceSats: 21, publishedAt: at(3) })).slug;
  slugs.draft = (await createAuthorArticle(ada.id, { title: "Never published draft", priceSats: 5, status: "draft", publishedAt: null })).slug;
  slugs.unpublished = (await createAuthorArticle(ada.id, { title: "Unpublished later", priceSats: 5, status: "draft", publishedAt: at(4) })).slug;
  slugs.removed = (await createAuthorArticle(ada.id, { title: "Removed by admins", priceSats: 5, status: "deleted_by_admin", publishedAt: at(5) })).slug;
  for (let i = 0; i < 55; i++) await createAuthorArticle(many.id, { title: `Many ${String(i).padStart(2, "0")}`, priceSats: 1, publishedAt: at(100 + i) });
});
afterAll(async () => server?.stop());

const fetchFeed = async (path: string, cookie?: string) => {
  const response = await get(`${server.url}${path}`, cookie ? { cookie } : {});
  expect(response.status, path).toBe(200);
  return response;
};

describe("feeds", () => {
  it("serves RSS 2.0 and Atom that parse, with title, teaser, price, link, guid, dates and authors", async () => {
    const rss = await fetchFeed("/feed.xml");
    expect(rss.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(rss.text).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\s*<rss version="2\.0"/);
    const feed = await parser.parseString(rss.text);
    expect(feed.title).toBe("Lightning Press");
    expect(feed.link).toBe(`${server.url}/`);
    expect(feed.items).toHaveLength(50);
    const paid = feed.items.find((item) => item.link === `${server.url}/articles/${slugs.paid}`)!;
    expect(decodeEntities(paid.title!)).toBe(NASTY);
    expect(decodeEntities(paid.content!)).toBe("Paid article: 1,000 sats. Teaser with <tags> & ampersands.");
    expect(paid.guid).toMatch(/^tag:127\.0\.0\.1,2026:article:[a-z0-9]+$/);
    expect(new Date(paid.pubDate!).getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(paid.categories).toEqual(["Paid"]);
    expect((paid as unknown as { author: string }).author).toBe(`Ada <&> "Lovelace"`);
    const free = feed.items.find((item) => item.link === `${server.url}/articles/${slugs.free}`)!;
    expect(decodeEntities(free.content!)).toMatch(/^Free article\. /);
    expect(free.categories).toEqual(["Free"]);
    // Newest first: the three recent articles, then the oldest-published batch.
    expect(feed.items.slice(0, 3).map((item) => item.link)).toEqual([slugs.paid, slugs.free, slugs.bo].map((slug) => `${server.url}/articles/${slug}`));

    const atomResponse = await fetchFeed("/atom.xml");
    expect(atomResponse.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(atomResponse.text).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    const atom = await parser.parseString(atomResponse.text);
    expect(atom.items).toHaveLength(50);
    const entry = atom.items.find((item) => item.link === `${server.url}/articles/${slugs.paid}`)! as unknown as Parser.Item & { summary: string; id: string; author: string };
    expect(decodeEntities(entry.title!)).toBe(NASTY);
    expect(decodeEntities(entry.summary)).toContain("Paid article: 1,000 sats.");
    expect(entry.id).toBe(paid.guid);
    expect(entry.isoDate).toBeTruthy();
    expect(entry.author).toBe(`Ada <&> "Lovelace"`);
  });

  it("escapes markup: no raw tag or early CDATA end from a title, teaser or author name", async () => {
    for (const path of ["/feed.xml", "/atom.xml", `/authors/${ada.id}/feed.xml`, `/authors/${ada.id}/atom.xml`]) {
      const { text } = await fetchFeed(path);
      expect(text, path).not.toContain("<script>");
      expect(text, path).not.toContain("<b>bold");
      expect(text, path).not.toContain("<tags>");
      expect(text, path).not.toContain("<&>");
      // Every CDATA section closes exactly where the library closes it.
      expect(text.split("<![CDATA[").length, path).toBe(text.split("]]>").length);
    }
  });

  it("lists drafts, unpublished and removed articles nowhere, and the paid body never, even for its buyer", async () => {
    const cookie = await buyingBrowser(server.url, slugs.paid!, SENTINEL);
    for (const path of ["/feed.xml", "/atom.xml", `/authors/${ada.id}/feed.xml`, `/authors/${ada.id}/atom.xml`]) {
      const anonymous = await fetchFeed(path);
      const buyer = await fetchFeed(path, cookie);
      // The same bytes for the paying browser: the feed reads no cookie.
      expect(buyer.text, path).toBe(anonymous.text);
      expect(buyer.headers.get("set-cookie"), path).toBeNull();
      for (const secret of [SENTINEL, "Paid part", "Free body"]) expect(buyer.text, path).not.toContain(secret);
      for (const hidden of ["draft", "unpublished", "removed"]) expect(buyer.text, path).not.toContain(slugs[hidden]!);
      for (const title of ["Never published draft", "Unpublished later", "Removed by admins"]) expect(buyer.text, path).not.toContain(title);
    }
  });

  it("gives each author a feed of their own articles only", async () => {
    const adaFeed = await parser.parseString((await fetchFeed(`/authors/${ada.id}/feed.xml`)).text);
    expect(adaFeed.items.map((item) => item.link).sort()).toEqual([slugs.paid, slugs.free].map((slug) => `${server.url}/articles/${slug}`).sort());
    expect(adaFeed.link).toBe(`${server.url}/authors/${ada.id}`);
    const boAtom = await parser.parseString((await fetchFeed(`/authors/${bo.id}/atom.xml`)).text);
    expect(boAtom.items.map((item) => item.link)).toEqual([`${server.url}/articles/${slugs.bo}`]);
    const manyFeed = await parser.parseString((await fetchFeed(`/authors/${many.id}/feed.xml`)).text);
    expect(manyFeed.items).toHaveLength(50);
    expect(manyFeed.items[0]!.title).toBe("Many 00");
    expect(manyFeed.items[49]!.title).toBe("Many 49");
    // An author without a published article has an empty, valid feed; a non-author has none.
    const quiet = await createAuthor("Quiet");
    expect((await parser.parseString((await fetchFeed(`/authors/${quiet.id}/atom.xml`)).text)).items).toEqual([]);
    const reader = await db().user.create({ data: { role: "reader" } });
    for (const id of [reader.id, "nobody", "BAD!id", "x".repeat(200)]) {
      for (const kind of ["feed.xml", "atom.xml"]) expect((await get(`${server.url}/authors/${encodeURIComponent(id)}/${kind}`)).status, `${id} ${kind}`).toBe(404);
    }
  });

  it("is cacheable: public Cache-Control, an ETag answered with 304, no cookie set", async () => {
    for (const path of ["/feed.xml", "/atom.xml", `/authors/${bo.id}/feed.xml`]) {
      const first = await fetchFeed(path);
      expect(first.headers.get("cache-control"), path).toMatch(/^public, max-age=\d+/);
      expect(first.headers.get("set-cookie"), path).toBeNull();
      const etag = first.headers.get("etag")!;
      expect(etag, path).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
      const again = await get(`${server.url}${path}`, { headers: { "If-None-Match": etag } });
      expect(again.status, path).toBe(304);
      expect(again.text).toBe("");
      expect((await get(`${server.url}${path}`, { headers: { "If-None-Match": '"stale"' } })).status).toBe(200);
    }
    // A change to the feed changes its ETag.
    const before = (await fetchFeed(`/authors/${bo.id}/feed.xml`)).headers.get("etag");
    await createAuthorArticle(bo.id, { title: "Bo again", priceSats: 0 });
    expect((await fetchFeed(`/authors/${bo.id}/feed.xml`)).headers.get("etag")).not.toBe(before);
  });

  it("is linked from the pages with <link rel=alternate>", async () => {
    const home = alternates((await get(`${server.url}/`)).text);
    expect(home).toEqual([
      { type: "application/rss+xml", title: "Lightning Press (RSS)", href: `${server.url}/feed.xml` },
      { type: "application/atom+xml", title: "Lightning Press (Atom)", href: `${server.url}/atom.xml` },
    ]);
    const author = alternates((await get(`${server.url}/authors/${bo.id}`)).text);
    expect(author).toEqual([
      { type: "application/rss+xml", title: "Bo Writer (RSS)", href: `${server.url}/authors/${bo.id}/feed.xml` },
      { type: "application/rss+xml", title: "Lightning Press (RSS)", href: `${server.url}/feed.xml` },
      { type: "application/atom+xml", title: "Bo Writer (Atom)", href: `${server.url}/authors/${bo.id}/atom.xml` },
      { type: "application/atom+xml", title: "Lightning Press (Atom)", href: `${server.url}/atom.xml` },
    ]);
  });
});

function alternates(html: string) {
  return [...html.matchAll(/<link rel="alternate" ([^>]*?)\/>/g)].map((match) => {
    const attrs = Object.fromEntries([...match[1]!.matchAll(/([a-z]+)="([^"]*)"/g)].map((pair) => [pair[1]!, pair[2]!]));
    return { type: attrs.type, title: attrs.title, href: attrs.href };
  });
}
