import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bobWallet } from "@/test/support/bob-wallet";
import { launchChromium } from "@/test/support/browser";
import { createArticle } from "@/test/support/fixtures";
import { aliceSettings } from "@/test/support/regtest-network";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

let server: SiteServer;
let browser: Browser;

beforeAll(async () => {
  server = await startSiteServer({ env: aliceSettings() });
  await shareServerDatabase(server);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("Chromium, alice and bob", () => {
  it("unlocks the article without a reload when bob pays the invoice shown on the page", async () => {
    const article = await createArticle({ priceSats: 1500, body: "## Real Lightning\n\nUnlocked by a real payment." });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/${article.slug}`);
    await page.locator('[data-testid="paywall-state"][data-state="waiting"]').waitFor();
    expect(await page.locator('[data-testid="dev-wallet-pay"]').count()).toBe(0); // no dev wallet with LND
    const invoice = await page.locator('[data-testid="invoice-text"]').inputValue();
    expect(invoice).toMatch(/^lnbcrt15u1/);
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    await bobWallet().pay(invoice);
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="article-body"] h2').textContent()).toBe("Real Lightning");
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await context.close();
  });
});
