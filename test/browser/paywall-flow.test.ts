import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { launchChromium } from "@/test/support/browser";
import { createArticle } from "@/test/support/fixtures";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

let server: SiteServer;
let browser: Browser;

beforeAll(async () => {
  server = await startSiteServer({ env: { INVOICE_EXPIRY_SECONDS: "900" } });
  await shareServerDatabase(server);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("reading a paid article in Chromium", () => {
  it("shows the QR, unlocks without a reload after the dev wallet pays, survives a reload, and the receipt opens it elsewhere", async () => {
    const article = await createArticle({ priceSats: 1000, title: "Browser flow", body: "## Unlocked\n\nThe whole paid text." });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.click(`a[href="/articles/${article.slug}"]`);
    await page.waitForURL(`**/articles/${article.slug}`);

    await expect.poll(() => page.locator('[data-testid="invoice-qr"] svg').count(), { timeout: 15_000 }).toBe(1);
    const invoice = await page.locator('[data-testid="invoice-text"]').inputValue();
    expect(invoice).toMatch(/^lnbcrt10u1/);
    expect(await page.locator('[data-testid="invoice-qr"]').getAttribute("href")).toBe(`lightning:${invoice}`);
    await page.locator('[data-testid="paywall-state"][data-state="waiting"]').waitFor();
    expect(await page.locator('[data-testid="countdown"]').textContent()).toMatch(/^1[45]:\d\d$/);
    expect(await page.locator('[data-testid="article-body"]').count()).toBe(0);

    // A marker on window survives client-side updates but not a reload.
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    let loads = 0;
    page.on("load", () => loads++);

    await page.click('[data-testid="dev-wallet-pay"]');
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="article-body"] h2').textContent()).toBe("Unlocked");
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(loads).toBe(0);
    expect(await page.locator('[data-testid="paywall"]').count()).toBe(0);

    const payment = await db().payment.findFirstOrThrow({ where: { articleId: article.id } });
    expect(payment.status).toBe("complete");

    await page.reload();
    await page.locator('[data-testid="article-body"]').waitFor();
    const receiptUrl = (await page.locator('[data-testid="receipt-link"]').textContent())!.trim();
    expect(receiptUrl).toBe(`${server.url}/receipts/${payment.receiptToken}`);

    // Another device: a fresh context with no cookies sees the paywall, then the receipt opens it.
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await otherPage.goto(`${server.url}/articles/${article.slug}`);
    await otherPage.locator('[data-testid="paywall"]').waitFor();
    await otherPage.goto(receiptUrl);
    await otherPage.waitForURL(`**/articles/${article.slug}`);
    await otherPage.locator('[data-testid="article-body"]').waitFor();
    expect(await otherPage.locator('[data-testid="article-body"] h2').textContent()).toBe("Unlocked");
    await other.close();
    await context.close();
  });

  it("'Check payment' unlocks a payment made elsewhere, and an expired invoice is renewed on the page", async () => {
    const article = await createArticle({ priceSats: 21, body: "Checked and unlocked." });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/${article.slug}`);
    const first = await page.locator('[data-testid="invoice-text"]').inputValue();

    // Expire the invoice under the page's feet: the countdown hits zero and a fresh one appears.
    const past = new Date(Date.now() - 1000);
    await db().devInvoice.updateMany({ where: { request: first }, data: { expiresAt: past } });
    await db().payment.updateMany({ where: { paymentRequest: first }, data: { invoiceExpiresAt: past } });
    await page.reload();
    const second = await page.locator('[data-testid="invoice-text"]').inputValue();
    expect(second).not.toBe(first);

    // Paid from another wallet while the page hears nothing (push and polling both cut): the
    // reader clicks "Check payment", which asks the node.
    await page.route("**/api/payments/*/events", (route) => route.abort());
    await page.route(/\/api\/payments\/[a-z0-9]+$/, (route) => route.abort());
    await page.reload();
    expect(await page.locator('[data-testid="invoice-text"]').inputValue()).toBe(second);
    const response = await fetch(`${server.url}/api/dev/wallet/pay`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ invoice: second }) });
    expect(response.status).toBe(200);
    await page.click('[data-testid="check-payment"]');
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="article-body"]').textContent()).toContain("Checked and unlocked.");
    await context.close();
  });

  it("falls back to polling when the event stream is blocked, and still unlocks without a reload", async () => {
    const article = await createArticle({ priceSats: 12, body: "Unlocked by polling." });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.route("**/api/payments/*/events", (route) => route.abort());
    await page.goto(`${server.url}/articles/${article.slug}`);
    const invoice = await page.locator('[data-testid="invoice-text"]').inputValue();
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    const response = await fetch(`${server.url}/api/dev/wallet/pay`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ invoice }) });
    expect(response.status).toBe(200);
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="article-body"]').textContent()).toContain("Unlocked by polling.");
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await context.close();
  });

  it("pays with a WebLN browser wallet when one is present", async () => {
    const article = await createArticle({ priceSats: 99, body: "Paid by WebLN." });
    const context = await browser.newContext();
    // A stand-in for a WebLN extension (Alby and the like): it appears after load, as real ones
    // may, and pays through the dev wallet, returning the preimage as a wallet does.
    await context.addInitScript(() => {
      setTimeout(() => {
        (window as unknown as { webln: unknown }).webln = {
          enable: async () => {},
          sendPayment: async (invoice: string) => {
            const response = await fetch("/api/dev/wallet/pay", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ invoice }) });
            return { preimage: (await response.json()).preimage };
          },
        };
        window.dispatchEvent(new Event("webln:ready"));
      }, 300);
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/${article.slug}`);
    await page.getByRole("button", { name: "Pay with browser wallet" }).click();
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="article-body"]').textContent()).toContain("Paid by WebLN.");
    await context.close();
  });

  it("counts down and renews an invoice that expires while the page is open, without a reload", async () => {
    // A separate server whose invoices live 6 seconds.
    const shortLived = await startSiteServer({ env: { INVOICE_EXPIRY_SECONDS: "6" }, databaseUrl: server.databaseUrl });
    try {
      const article = await createArticle({ priceSats: 5 });
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${shortLived.url}/articles/${article.slug}`);
      const first = await page.locator('[data-testid="invoice-text"]').inputValue();
      await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
      await expect.poll(() => page.locator('[data-testid="invoice-text"]').inputValue(), { timeout: 15_000, interval: 250 }).not.toBe(first);
      expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
      await page.locator('[data-testid="paywall-state"][data-state="waiting"]').waitFor();
      await context.close();
    } finally {
      await shortLived.stop();
    }
  });
});
