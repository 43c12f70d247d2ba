import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signInActors } from "@/test/support/authors";
import { violationsInEveryScheme } from "@/test/support/axe";
import { contextWithCookies, launchChromium } from "@/test/support/browser";
import { createArticle } from "@/test/support/fixtures";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { newUpvoter, upvote } from "@/test/support/upvotes";

// Upvoting in Chromium: the split is said before paying, the button opens the same invoice panel
// as the paywall (beside it, on a paid article), the dev wallet pays, and the count goes up
// without a reload. Then the co-authors part of the editor, refusing shares that miss 100%.
let server: SiteServer;
let browser: Browser;

beforeAll(async () => {
  server = await startSiteServer({ env: { UPVOTE_SATS: "10", UPVOTE_AUTHOR_PERCENT: "50", SITE_FEE_PERCENT: "0" } });
  await shareServerDatabase(server);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("upvotes in Chromium", () => {
  it("shows the split, opens the invoice panel, pays with the dev wallet and counts the upvote, with axe clean", async () => {
    const article = await createArticle({ priceSats: 21, title: "Worth an upvote" });
    // One earlier upvote, so the split names an upvoter to share with.
    await upvote(server.url, newUpvoter(), article);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/articles/${article.slug}`);
    await page.locator('[data-testid="paywall-state"][data-state="waiting"]').waitFor();
    expect(await page.getByTestId("upvote-count").textContent()).toBe("1");
    expect(await page.getByTestId("upvote-split").textContent()).toBe("10 sats: 5 to the author, 5 shared by the 1 earlier upvoter; site fee 0%");
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    await page.getByRole("button", { name: "Upvote (10 sats)" }).click();
    const panel = page.getByTestId("upvote-panel");
    await panel.locator('[data-testid="upvote-state"][data-state="waiting"]').waitFor();
    expect(await panel.getByTestId("upvote-split-invoice").textContent()).toBe("10 sats: 5 to the author, 5 shared by the 1 earlier upvoter; site fee 0%");
    expect(await panel.locator('[data-testid="upvote-invoice-qr"] svg').count()).toBe(1);
    expect(await panel.getByTestId("upvote-invoice-text").inputValue()).toMatch(/^lnbcrt100n1/);
    const found = await violationsInEveryScheme(page);
    expect(found, found.join("\n")).toEqual([]);

    await panel.getByTestId("dev-wallet-pay").click();
    await page.locator('[data-testid="upvote-state"][data-state="thanks"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId("upvote-count").textContent(), { timeout: 10_000 }).toBe("2");
    expect(await page.getByTestId("upvote-sats").textContent()).toBe("20 sats");
    // The paywall is untouched (an upvote buys no reading), and nothing reloaded.
    expect(await page.locator('[data-testid="paywall-state"][data-state="waiting"]').count()).toBe(1);
    expect(await page.locator('[data-testid="article-body"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    const after = await violationsInEveryScheme(page);
    expect(after, after.join("\n")).toEqual([]);
    expect((await db().article.findUniqueOrThrow({ where: { id: article.id } })).upvoteCount).toBe(2);
    await context.close();
  });

  it("lets the lead author add a co-author in the editor, refusing shares that do not sum to 100", async () => {
    const people = await signInActors(server.url);
    const article = await db().article.create({
      data: { slug: "together", title: "Together", teaser: "T", body: "B", priceSats: 10, status: "visible", publishedAt: new Date(), authorId: people.authorA.userId! },
    });
    const context = await contextWithCookies(browser, server.url, people.authorA.cookie);
    const page = await context.newPage();
    await page.goto(`${server.url}/dashboard/articles/${article.id}`);
    await page.locator('.editor[data-hydrated="true"]').waitFor();
    await page.getByTestId("add-co-author").click();
    await page.getByTestId("co-author-who").fill(people.authorB.userId!);
    await page.getByTestId("co-author-percent").fill("30");
    await page.getByTestId("lead-percent").fill("60");
    expect(await page.getByTestId("shares-total").textContent()).toBe("Total: 90% (must be 100%)");
    await page.getByTestId("save-shares").click();
    await expect.poll(() => page.getByTestId("shares-message").textContent()).toMatch(/add up to 90%, not 100%/);
    expect(await db().articleAuthor.count({ where: { articleId: article.id } })).toBe(0);
    await page.getByTestId("co-author-percent").fill("40");
    await page.getByTestId("save-shares").click();
    await expect.poll(() => page.getByTestId("shares-message").textContent()).toBe("Shares saved.");
    const rows = await db().articleAuthor.findMany({ where: { articleId: article.id }, orderBy: { position: "asc" } });
    expect(rows.map((row) => [row.userId, row.sharePercent])).toEqual([
      [people.authorA.userId, 60],
      [people.authorB.userId, 40],
    ]);
    const found = await violationsInEveryScheme(page);
    expect(found, found.join("\n")).toEqual([]);
    await context.close();
  });
});
