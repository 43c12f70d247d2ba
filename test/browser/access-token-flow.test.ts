import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessToken } from "@/lib/access-tokens/verify-access-token";
import { launchChromium } from "@/test/support/browser";
import { createArticle } from "@/test/support/fixtures";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// The "Get an access token for another site" button in Chromium: absent under the paywall,
// shown once bought; clicking it shows a token that verifies against the site's keys.

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

describe("the access token button in Chromium", () => {
  it("after paying, shows a token for the article that verifies with the JWKS", async () => {
    const article = await createArticle({ priceSats: 40, title: "Button token", body: "The button token paid text." });
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.url}/articles/${article.slug}`);
    await page.locator('[data-testid="dev-wallet-pay"]').waitFor();
    expect(await page.locator('[data-testid="access-token"]').count()).toBe(0);
    await page.click('[data-testid="dev-wallet-pay"]');
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 10_000 });
    await page.getByRole("button", { name: "Get an access token for another site" }).click();
    const shown = page.locator('[data-testid="access-token-value"]');
    await shown.waitFor({ timeout: 10_000 });
    const token = (await shown.textContent())!;
    const claims = await verifyAccessToken(token, { issuer: server.url, audience: server.url });
    expect(claims?.grants).toEqual({ type: "article", article_id: article.id, slug: article.slug });
    expect(await page.getByRole("button", { name: "Copy token" }).count()).toBe(1);
  });
});
