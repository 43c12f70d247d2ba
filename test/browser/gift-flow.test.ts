import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { violationsInEveryScheme } from "@/test/support/axe";
import { launchChromium } from "@/test/support/browser";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { createArticle } from "@/test/support/fixtures";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// A gift in Chromium: the giver buys it from the paywall's "Buy as a gift" and gets the link,
// a fresh browser context claims it and reads the article, another context that opened the link
// too is refused with a 409, and the giver's library says it was claimed.

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

describe("a gift link in Chromium", () => {
  it("is bought on the paywall, claimed once in a fresh context, refused in another, and shown claimed to the giver", async () => {
    const article = await createArticle({ priceSats: 500, title: "Gift in a browser", body: "## Gift opened\n\nThe paid text of the gift." });
    const giver = await browser.newContext();
    const page = await giver.newPage();
    await page.goto(`${server.url}/articles/${article.slug}`);
    await page.locator('[data-testid="paywall-state"][data-state="waiting"]').waitFor();
    await page.click('[data-testid="gift-button"]');
    const panel = page.locator('[data-testid="gift-panel"]');
    await panel.locator('[data-testid="gift-state"][data-state="waiting"]').waitFor();
    await panel.locator('[data-testid="dev-wallet-pay"]').click();
    const link = (await page.locator('[data-testid="gift-link"]').textContent({ timeout: 10_000 }))!.trim();
    expect(link).toMatch(new RegExp(`^${server.url}/gifts/[A-Za-z0-9_-]{43}$`));
    expect(await page.locator('[data-testid="gift-status"]').textContent()).toBe("Not claimed yet.");
    expect(await violationsInEveryScheme(page)).toEqual([]);
    // The giver bought nothing to read: still the paywall.
    await page.reload();
    expect(await page.locator('[data-testid="article-body"]').count()).toBe(0);
    await page.locator('[data-testid="paywall"]').first().waitFor();

    // Two fresh contexts open the link; opening it claims nothing.
    const first = await (await browser.newContext()).newPage();
    const second = await (await browser.newContext()).newPage();
    for (const other of [first, second]) {
      await other.goto(link);
      expect(await other.locator('[data-testid="gift-title"]').textContent()).toBe(article.title);
      expect(await other.locator('[data-testid="gift-own-warning"]').count()).toBe(0);
    }
    expect(await violationsInEveryScheme(first)).toEqual([]);
    expect((await db().gift.findFirstOrThrow({ where: { token: link.split("/").at(-1)! } })).claimedAt).toBeNull();

    await first.click('[data-testid="gift-claim"]');
    await first.waitForURL(`**/articles/${article.slug}`);
    expect(await first.locator('[data-testid="article-body"] h2').textContent()).toBe("Gift opened");

    const [refusal] = await Promise.all([second.waitForResponse((response) => response.url().endsWith("/claim")), second.click('[data-testid="gift-claim"]')]);
    expect(refusal.status()).toBe(409);
    await second.locator("text=This gift has already been claimed").waitFor();
    await second.goto(`${server.url}/articles/${article.slug}`);
    expect(await second.locator('[data-testid="article-body"]').count()).toBe(0);

    // The giver's own link page warns them; their library shows the gift claimed.
    await page.goto(link);
    expect(await page.locator('[data-testid="gift-state"]').getAttribute("data-state")).toBe("claimed");
    await page.goto(`${server.url}/library`);
    const card = page.locator('[data-testid="sent-gift"]');
    expect(await card.getAttribute("data-claimed")).toBe("yes");
    expect(await card.locator('[data-testid="gift-status"]').textContent()).toMatch(/^Claimed \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/);
    expect(await violationsInEveryScheme(page)).toEqual([]);
    expect(await db().entitlement.count({ where: { articleId: article.id } })).toBe(1);
    await expectBooksMatchNode(devNode);
  });

  it("warns the giver who opens their own unclaimed link, and lets them claim it", async () => {
    const article = await createArticle({ priceSats: 200, body: "Own gift text." });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/${article.slug}`);
    await page.click('[data-testid="gift-button"]');
    await page.locator('[data-testid="gift-panel"] [data-testid="dev-wallet-pay"]').click();
    const link = (await page.locator('[data-testid="gift-link"]').textContent({ timeout: 10_000 }))!.trim();
    await page.goto(link);
    await page.locator('[data-testid="gift-own-warning"]').waitFor();
    await page.click('[data-testid="gift-claim"]');
    await page.waitForURL(`**/articles/${article.slug}`);
    expect(await page.locator('[data-testid="article-body"]').textContent()).toContain("Own gift text.");
  });
});
