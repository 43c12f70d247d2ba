import type { Browser, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { launchChromium } from "@/test/support/browser";
import { createArticle } from "@/test/support/fixtures";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// A new reader's first visit in Chromium: the page comes once, then only the invoice.
let server: SiteServer;
let browser: Browser;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("a new reader's first visit in Chromium", () => {
  it("loads the page once and then asks only for the invoice (no second render of the page)", async () => {
    const article = await createArticle({ priceSats: 300, body: "First visit body." });
    const context = await browser.newContext();
    const page = await context.newPage();
    const pageRequests: string[] = [];
    const invoiceRequests: string[] = [];
    page.on("request", (request: Request) => {
      const url = new URL(request.url());
      if (url.pathname === `/articles/${article.slug}`) pageRequests.push(`${request.method()} ${request.headers()["rsc"] ? "rsc" : "document"}`);
      if (url.pathname === `/api/articles/${article.id}/invoice`) invoiceRequests.push(request.method());
    });
    await page.goto(`${server.url}/articles/${article.slug}`);
    await page.locator('[data-testid="invoice-qr"] svg').waitFor({ timeout: 10_000 });
    const invoice = await page.locator('[data-testid="invoice-text"]').inputValue();
    expect(invoice).toMatch(/^lnbcrt3u1/);
    await page.locator('[data-testid="paywall-state"][data-state="waiting"]').waitFor();
    expect(await page.locator('[data-testid="show-invoice"]').count()).toBe(0);
    expect(pageRequests).toEqual(["GET document"]);
    expect(invoiceRequests).toEqual(["POST"]);
    expect(await db().payment.count({ where: { articleId: article.id } })).toBe(1);

    // Paying unlocks it in place, as on a returning reader's page.
    await page.click('[data-testid="dev-wallet-pay"]');
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="article-body"]').textContent()).toContain("First visit body.");
    await context.close();
  });

  it("without JavaScript offers a link that reloads the page, which then carries the invoice", async () => {
    const article = await createArticle({ priceSats: 400 });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/${article.slug}`);
    expect(await page.locator('[data-testid="invoice-text"]').count()).toBe(0);
    await page.click('[data-testid="show-invoice"]');
    await page.locator('[data-testid="invoice-text"]').waitFor();
    expect(await page.locator('[data-testid="invoice-text"]').inputValue()).toMatch(/^lnbcrt4u1/);
    expect(await page.locator('[data-testid="invoice-qr"] svg').count()).toBe(1);
    await context.close();
  });
});
