import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { markSettled } from "@/lib/payments/transitions";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { get, postJson } from "@/test/support/http";
import { newReaderInvoice } from "@/test/support/reader";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// Lists that scale: the home page and author pages send one page of 20 with an "Older" link
// (keyset cursor), and the readers count on a card is the article's counter, moved once per
// completed payment however often the settlement is seen.

let server: SiteServer;
let authorId: string;
const TOTAL = 27;

const slugsIn = (html: string) => [...html.matchAll(/<article class="card"><h2><a href="\/articles\/([a-z0-9-]+)"/g)].map((match) => match[1]!);
const olderLink = (html: string) => {
  const nav = /<nav aria-label="Pagination"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
  const link = /<a[^>]*data-testid="pager-older"[^>]*>/.exec(nav)?.[0] ?? "";
  return /href="([^"]*)"/.exec(link)?.[1];
};

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  const first = await createArticle({ priceSats: 21, slug: "growth-0" });
  authorId = first.authorId;
  const start = Date.UTC(2026, 0, 1);
  for (let i = 1; i < TOTAL; i++) {
    // Three share one publication time: the id keeps their order stable across pages.
    const publishedAt = new Date(i <= 3 ? start : start + i * 3_600_000);
    await db().article.create({ data: { slug: `growth-${i}`, title: `Growth ${i}`, teaser: "t", body: "paid body", priceSats: 21, status: "visible", authorId, publishedAt } });
  }
  await createArticle({ priceSats: 0, slug: "someone-else" });
});
afterAll(async () => server?.stop());

describe("lists that scale", () => {
  it("pages the home page 20 at a time with an Older link, each article once, in a stable order", async () => {
    const home = await get(`${server.url}/`);
    expect(home.status).toBe(200);
    const firstPage = slugsIn(home.text);
    expect(firstPage).toHaveLength(20);
    const older = olderLink(home.text);
    expect(older).toMatch(/^\/\?before=/);
    const next = await get(`${server.url}${older}`);
    expect(next.status).toBe(200);
    const secondPage = slugsIn(next.text);
    expect(secondPage).toHaveLength(TOTAL + 1 - 20);
    expect(olderLink(next.text)).toBeUndefined();
    expect(next.text).toContain('data-testid="pager-newest"');
    expect(new Set([...firstPage, ...secondPage]).size).toBe(TOTAL + 1);
    expect(slugsIn((await get(`${server.url}/`)).text)).toEqual(firstPage);
  });

  it("answers a malformed cursor with the first page, never an error", async () => {
    const firstPage = slugsIn((await get(`${server.url}/`)).text);
    for (const query of ["?before=garbage", "?before=%27%20OR%201%3D1", `?before=${"A".repeat(500)}`, "?before=a&before=b", `?before=${Buffer.from("2026-99-01T00:00:00.000Z|x").toString("base64url")}`]) {
      const page = await get(`${server.url}/${query}`);
      expect(page.status, query).toBe(200);
      expect(slugsIn(page.text), query).toEqual(firstPage);
    }
    const library = await get(`${server.url}/library?before=garbage`);
    expect(library.status).toBe(200);
  });

  it("gives each author a page of their own published articles, linked from the cards; unknown authors get the 404 page", async () => {
    const home = await get(`${server.url}/`);
    expect(home.text).toContain(`href="/authors/${authorId}"`);
    const page = await get(`${server.url}/authors/${authorId}`);
    expect(page.status).toBe(200);
    const listed = slugsIn(page.text);
    expect(listed).toHaveLength(20);
    expect(listed.every((slug) => slug.startsWith("growth-"))).toBe(true);
    const rest = await get(`${server.url}${olderLink(page.text)}`);
    expect(slugsIn(rest.text)).toHaveLength(TOTAL - 20);
    expect(rest.text).not.toContain("someone-else");
    for (const id of ["no-such-author", "cmx0000000000000000000000", "..%2Fadmin", "x".repeat(80)]) {
      expect((await get(`${server.url}/authors/${id}`)).status, id).toBe(404);
    }
  });

  it("counts a paid view once on the card and in the counters, however often the settlement is seen", async () => {
    const slug = `growth-${TOTAL - 1}`; // the newest: on the first page
    const { invoice } = await newReaderInvoice(server.url, slug);
    const paid = await postJson(`${server.url}/api/dev/wallet/pay`, { invoice });
    expect(paid.status).toBe(200);
    const article = await db().article.findUniqueOrThrow({ where: { slug } });
    const payment = await waitFor(() => db().payment.findFirst({ where: { articleId: article.id, status: "complete" } }));
    // The same settlement again, from another process (this one), as a stream replay would.
    const settlement = { paymentHash: payment.paymentHash!, settleIndex: Number(payment.settleIndex!), settledAt: payment.settledAt!, receivedMsats: 21_000n };
    expect(await markSettled(settlement)).toBeNull();
    expect(await db().article.findUniqueOrThrow({ where: { slug }, select: { viewCount: true, salesCount: true, earnedSats: true } })).toEqual({
      viewCount: 1,
      salesCount: 1,
      earnedSats: 21n,
    });
    const day = payment.settledAt!.toISOString().slice(0, 10);
    expect(await db().authorDailyStats.findUniqueOrThrow({ where: { authorId_day: { authorId, day } } })).toMatchObject({ views: 1, sales: 1, earnedSats: 21n });
    const home = await get(`${server.url}/`);
    const card = new RegExp(`href="/articles/${slug}"[\\s\\S]*?</article>`).exec(home.text)![0];
    expect(card).toContain(" · 1 reader<");
  });
});
