import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSampleContent } from "@/lib/articles/seed";
import { SAMPLE_ARTICLES } from "@/lib/articles/sample-articles";
import { db } from "@/lib/db/client";
import { createArticle } from "@/test/support/fixtures";
import { cookieHeader, get } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { healthDetails, startSiteServer, type SiteServer } from "@/test/support/site-server";

let server: SiteServer;
const free = SAMPLE_ARTICLES.find((article) => article.priceSats === 0 && article.status === "visible")!;
const paid = SAMPLE_ARTICLES.find((article) => article.priceSats === 1000)!;
const draft = SAMPLE_ARTICLES.find((article) => article.status === "draft")!;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  await seedSampleContent();
});
afterAll(async () => server?.stop());

describe("the site on its production build", () => {
  it("lists the visible articles on the home page, linked to /articles/<slug>, without drafts", async () => {
    const home = await get(`${server.url}/`);
    expect(home.status).toBe(200);
    for (const article of SAMPLE_ARTICLES.filter((a) => a.status === "visible")) {
      expect(home.text).toContain(`href="/articles/${article.slug}"`);
    }
    expect(home.text).not.toContain(draft.slug);
  });

  it("shows a free article whole", async () => {
    const page = await get(`${server.url}/articles/${free.slug}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(free.title);
    expect(page.text).toContain("Your purchase stays yours");
  });

  it("shows a paid article's teaser, price, QR code, invoice and lightning: link to an unpaid reader", async () => {
    const first = await get(`${server.url}/articles/${paid.slug}`);
    expect(first.cookies.lp_buyer).toBeTruthy();
    const page = await get(`${server.url}/articles/${paid.slug}`, { cookie: cookieHeader(first.cookies) });
    expect(page.status).toBe(200);
    expect(page.text).toContain(paid.teaser.slice(0, 40));
    expect(page.text).toContain("1,000 sats");
    expect(page.text).toMatch(/data-testid="invoice-qr"[^>]*><svg/);
    expect(page.text).toMatch(/href="lightning:lnbcrt10u1[0-9a-z]+"/);
    expect(page.text).toContain('data-state="waiting"');
  });

  it("creates no invoice for a client that keeps no cookie (a crawler), and shows it the price", async () => {
    const article = await createArticle({ priceSats: 77, body: "Crawlers never see this." });
    for (let i = 0; i < 5; i++) {
      const page = await get(`${server.url}/articles/${article.slug}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-state="preparing"');
      expect(page.text).toContain("77 sats");
      expect(page.text).not.toMatch(/lnbcrt[0-9a-z]{20}/);
      expect(page.text).not.toContain("Crawlers never see this.");
    }
    expect(await db().payment.count({ where: { articleId: article.id } })).toBe(0);
    expect(await db().devInvoice.count({ where: { description: { contains: article.title } } })).toBe(0);
  });

  it("answers unknown, draft and malformed slugs with the 404 page", async () => {
    for (const slug of ["no-such-article", draft.slug, "Bad%20Slug!", "a".repeat(300), "..%2F..%2Fetc"]) {
      const page = await get(`${server.url}/articles/${slug}`);
      expect(page.status, slug).toBe(404);
      expect(page.text).toContain("There is no article at this address");
    }
  });

  it("reports database and Lightning backend status at /api/health", async () => {
    const health = await get(`${server.url}/api/health`, { headers: healthDetails });
    expect(health.status).toBe(200);
    const body = JSON.parse(health.text);
    expect(body.status).toBe("ok");
    expect(body.database.ok).toBe(true);
    expect(body.lightning).toMatchObject({ ok: true, backend: "dev", network: "regtest" });
    expect(body.lightning.pubkey).toMatch(/^0[23][0-9a-f]{64}$/);
  });

  it("serves the static about page", async () => {
    const page = await get(`${server.url}/about`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("About");
  });
});
