import type { Browser as Chromium, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createArticle } from "@/test/support/fixtures";
import { launchChromium } from "@/test/support/browser";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { answerLnurl, newPrivateKey, publicKeyOf } from "@/test/support/wallet";

// The whole story in Chromium: an author signs in with a wallet (simulated by the test: a real
// secp256k1 key answering the LNURL the page shows), writes and publishes an article; a reader
// buys it; the sale shows on the author's dashboard.
let server: SiteServer;
let chromium: Chromium;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

async function lnurlOn(page: Page): Promise<string> {
  const field = page.locator('[data-testid="lnurl-text"]');
  await field.waitFor();
  return field.inputValue();
}

describe("author and reader in Chromium", () => {
  it("signs in with a wallet, writes, publishes, and sees a reader's purchase on the dashboard", async () => {
    const author = await (await chromium.newContext()).newPage();
    await author.goto(`${server.url}/`);
    await author.click('[data-testid="signin-link"]');
    await author.waitForURL((url) => url.pathname === "/signin");
    const lnurl = await lnurlOn(author);
    expect(await author.locator('[data-testid="lnurl-qr"] svg').count()).toBe(1);
    expect(await author.locator('[data-testid="lnurl-qr"]').getAttribute("href")).toBe(`lightning:${lnurl}`);
    await author.locator('[data-testid="login-state"][data-state="waiting"]').waitFor();

    // The wallet scans the QR and answers; the page shows the key and asks before signing in.
    const wallet = newPrivateKey();
    expect((await answerLnurl(lnurl, wallet)).body.status).toBe("OK");
    await author.locator('[data-testid="answer-confirm"]').waitFor();
    expect(await author.locator('[data-testid="answer-confirm"]').getAttribute("data-pubkey")).toBe(publicKeyOf(wallet));
    expect(await author.locator('[data-testid="answer-key"]').textContent()).toBe(`${publicKeyOf(wallet).slice(0, 6)}…${publicKeyOf(wallet).slice(-6)}`);
    await author.click('[data-testid="login-confirm"]');
    await author.waitForURL((url) => url.pathname === "/account", { timeout: 10_000 });
    expect(await author.locator("[data-testid=login-keys]").textContent()).toContain(publicKeyOf(wallet));
    expect(await author.locator("[data-testid=account-role]").textContent()).toBe("admin");

    // Write.
    await author.goto(`${server.url}/dashboard/articles/new`);
    await author.fill("[data-testid=editor-title]", "Routing Fees, Explained");
    await expect.poll(() => author.locator("[data-testid=editor-slug]").inputValue()).toBe("routing-fees-explained");
    await author.fill("[data-testid=editor-teaser]", "What a forwarding node charges, and why.");
    await author.fill("[data-testid=editor-price]", "210");
    await author.fill("[data-testid=editor-body]", "## Base fee and rate\n\nEvery hop charges **a base fee** plus a rate.\n\n<script>window.__xss = 1</script>");
    await expect.poll(() => author.locator("[data-testid=editor-preview] h2").textContent()).toBe("Base fee and rate");
    expect(await author.locator("[data-testid=editor-preview] strong").textContent()).toBe("a base fee");
    expect(await author.locator("[data-testid=editor-preview] script").count()).toBe(0);
    expect(await author.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    await author.click("[data-testid=editor-save]");
    await author.waitForURL(/\/dashboard\/articles\/[a-z0-9]+$/);
    const article = await db().article.findUniqueOrThrow({ where: { slug: "routing-fees-explained" } });
    expect(article.status).toBe("draft");
    expect(article.priceSats).toBe(210);
    expect((await author.request.get(`${server.url}/articles/routing-fees-explained`)).status()).toBe(404);

    await author.click("[data-testid=editor-publish]");
    await expect.poll(async () => (await db().article.findUniqueOrThrow({ where: { id: article.id } })).status).toBe("visible");

    // A reader finds it on the home page and buys it.
    const reader = await (await chromium.newContext()).newPage();
    await reader.goto(`${server.url}/`);
    await reader.click('a[href="/articles/routing-fees-explained"]');
    await reader.locator('[data-testid="paywall-state"][data-state="waiting"]').waitFor();
    expect(await reader.locator('[data-testid="article-body"]').count()).toBe(0);
    await reader.click('[data-testid="dev-wallet-pay"]');
    await reader.locator('[data-testid="article-body"] h2').waitFor({ timeout: 10_000 });
    expect(await reader.locator('[data-testid="article-body"] h2').textContent()).toBe("Base fee and rate");

    // The author's dashboard shows the sale.
    await author.goto(`${server.url}/dashboard`);
    const row = author.locator(`[data-article-id="${article.id}"]`);
    await row.waitFor();
    expect(await row.locator("[data-testid=article-views]").textContent()).toBe("1");
    expect(await row.locator("[data-testid=article-sales]").textContent()).toBe("1");
    expect(await row.locator("[data-testid=article-earned]").textContent()).toContain("210");
    expect(await author.locator("[data-testid=earnings-chart] svg").count()).toBe(1);
  });

  it("signs in with the development wallet's key, kept in the browser, back to the same account", async () => {
    const context = await chromium.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/signin`);
    await page.click('[data-testid="dev-wallet-login"]');
    await page.click('[data-testid="login-confirm"]');
    await page.waitForURL((url) => url.pathname === "/account", { timeout: 10_000 });
    const pubkey = (await page.locator("[data-testid=login-keys] li").getAttribute("data-pubkey"))!;
    expect(await db().loginKey.count({ where: { pubkey } })).toBe(1);
    await page.click('[data-testid="sign-out"]');
    await page.waitForURL((url) => url.pathname === "/");
    await page.goto(`${server.url}/signin`);
    await page.click('[data-testid="dev-wallet-login"]');
    await page.click('[data-testid="login-confirm"]');
    await page.waitForURL((url) => url.pathname === "/account", { timeout: 10_000 });
    expect(await page.locator("[data-testid=login-keys] li").getAttribute("data-pubkey")).toBe(pubkey);
  });

  it("signs in with one click through a WebLN wallet that implements lnurl()", async () => {
    const context = await chromium.newContext();
    const page = await context.newPage();
    const key = newPrivateKey();
    // The browser extension, simulated: lnurl() makes the wallet's LNURL-auth callback.
    await page.exposeFunction("walletAnswersLnurl", async (lnurl: string) => (await answerLnurl(lnurl, key)).body);
    await page.addInitScript(() => {
      const bridge = (window as unknown as { walletAnswersLnurl: (lnurl: string) => Promise<unknown> }).walletAnswersLnurl;
      (window as unknown as { webln: unknown }).webln = {
        enable: async () => {},
        sendPayment: async () => {
          throw new Error("not used");
        },
        lnurl: (lnurl: string) => bridge(lnurl),
      };
    });
    await page.goto(`${server.url}/signin?callbackUrl=/library`);
    await page.click('[data-testid="webln-login"]');
    await page.click('[data-testid="login-confirm"]');
    await page.waitForURL((url) => url.pathname === "/library", { timeout: 10_000 });
    expect(await page.locator('[data-testid="account-link"]').count()).toBe(1);
    expect(await db().loginKey.count({ where: { pubkey: publicKeyOf(key) } })).toBe(1);
  });

  it("shows an onlooker's key instead of signing in, and voids the code when the person's own wallet answers too", async () => {
    const page = await (await chromium.newContext()).newPage();
    await page.goto(`${server.url}/signin`);
    const lnurl = await lnurlOn(page);
    const onlooker = newPrivateKey();
    expect((await answerLnurl(lnurl, onlooker)).body.status).toBe("OK");
    await page.locator('[data-testid="answer-confirm"]').waitFor();
    expect(await page.locator('[data-testid="answer-confirm"]').getAttribute("data-pubkey")).toBe(publicKeyOf(onlooker));
    expect(new URL(page.url()).pathname).toBe("/signin");
    expect((await answerLnurl(lnurl, newPrivateKey())).status).toBe(409);
    await page.locator('[data-testid="login-state"][data-state="void"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="login-confirm"]').count()).toBe(0);
    await page.click('[data-testid="login-new-code"]');
    await page.locator('[data-testid="login-state"][data-state="waiting"]').waitFor();
    expect(await lnurlOn(page)).not.toBe(lnurl);
    expect(await db().loginKey.count({ where: { pubkey: publicKeyOf(onlooker) } })).toBe(0);
  });

  it("moves the browser's purchases into the account only when the person ticks the box", async () => {
    const article = await createArticle({ priceSats: 5, body: "Bought before signing in, in Chromium." });
    const page = await (await chromium.newContext()).newPage();
    await page.goto(`${server.url}/articles/${article.slug}`);
    await page.click('[data-testid="dev-wallet-pay"]');
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 10_000 });
    await page.goto(`${server.url}/signin?callbackUrl=/library`);
    const lnurl = await lnurlOn(page);
    expect((await answerLnurl(lnurl, newPrivateKey())).body.status).toBe("OK");
    const box = page.locator('[data-testid="move-purchases"]');
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    expect(await page.locator('[data-testid="answer-confirm"]').textContent()).toContain("Move this browser's 1 purchase into this account");
    await box.check();
    await page.click('[data-testid="login-confirm"]');
    await page.waitForURL((url) => url.pathname === "/library", { timeout: 10_000 });
    const payment = await db().payment.findFirstOrThrow({ where: { articleId: article.id, status: "complete" }, include: { buyer: true } });
    expect(payment.buyer?.userId).not.toBeNull();
  });
});
