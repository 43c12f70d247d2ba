import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "@/test/support/browser";
import { createArticle } from "@/test/support/fixtures";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";

let server: SiteServer;
let smtp: SmtpSink;
let browser: Browser;

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startSiteServer({ env: { SMTP_URL: smtp.url } });
  await shareServerDatabase(server);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

describe("the receipt email form in Chromium", () => {
  it("after paying, the reader types an address next to the receipt link and the receipt arrives; the link in it opens the article elsewhere", async () => {
    const article = await createArticle({ priceSats: 50, title: "Form mail", body: "The form mail paid text." });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/articles/${article.slug}`);
    await page.click('[data-testid="dev-wallet-pay"]');
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 10_000 });
    await page.reload();
    const form = page.locator('[data-testid="receipt-email-form"]');
    await form.locator('input[name="email"]').fill("form@example.test");
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="receipt-email-status"]').textContent()).toBe("On its way.");

    await expect.poll(() => smtp.mails.filter((mail) => mail.to.includes("form@example.test")).length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.mails.find((received) => received.to.includes("form@example.test"))!;
    expect(mail.text).not.toContain("The form mail paid text.");
    const link = /http:\/\/127\.0\.0\.1:\d+\/receipts\/[A-Za-z0-9_-]{32}/.exec(mail.text)![0];
    const other = await (await browser.newContext()).newPage();
    await other.goto(link);
    await other.goto(`${server.url}/articles/${article.slug}`);
    expect(await other.locator('[data-testid="article-body"]').textContent()).toContain("The form mail paid text.");
  });

  it("before paying, the reader types an address beside the invoice; the receipt arrives once the dev wallet pays", async () => {
    const article = await createArticle({ priceSats: 30, title: "Early form mail", body: "The early form paid text." });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/articles/${article.slug}`);
    const form = page.locator('[data-testid="receipt-at-purchase"]');
    await form.locator('input[name="email"]').fill("early-form@example.test");
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.locator('[data-testid="receipt-at-purchase-status"]').textContent()).toBe("The receipt will go to early-form@example.test once paid.");
    expect(smtp.mails.filter((mail) => mail.to.includes("early-form@example.test"))).toHaveLength(0);
    await page.click('[data-testid="dev-wallet-pay"]');
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => smtp.mails.filter((mail) => mail.to.includes("early-form@example.test")).length, { timeout: 10_000 }).toBe(1);
    const mail = smtp.mails.find((received) => received.to.includes("early-form@example.test"))!;
    expect(mail.text).toMatch(/\/receipts\/[A-Za-z0-9_-]{32}/);
    expect(mail.text).not.toContain("The early form paid text.");
  });
});
