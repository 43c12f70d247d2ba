import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "@/test/support/browser";
import { createArticle } from "@/test/support/fixtures";
import { postJson } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// The unlock swaps the body in where the paywall was, before any refresh of the page: the body
// comes with the payment stream's "complete" (or, without it, from one server action); the
// refresh that follows brings the rest of the purchased page.

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

type Sent = { at: number; method: string; url: string; rsc: boolean; action: boolean };
type Win = Window & { __sent: Sent[]; __bodyAt: number | null; __announced: string[]; __paywallBack: boolean };

// Every fetch the page makes (Next's router fetches RSC refreshes and server actions), the
// instant the body enters the DOM, what the live region says, and whether the paywall ever
// comes back once the body showed: all on the page's own clock.
function instrument() {
  const win = window as unknown as Win;
  win.__sent = [];
  win.__bodyAt = null;
  win.__announced = [];
  win.__paywallBack = false;
  const original = window.fetch.bind(window);
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : null;
    const headers = new Headers(init?.headers ?? request?.headers);
    const url = new URL(request ? request.url : String(input), location.href);
    win.__sent.push({
      at: performance.now(),
      method: (init?.method ?? request?.method ?? "GET").toUpperCase(),
      url: url.pathname + url.search,
      rsc: headers.get("rsc") === "1" || url.searchParams.has("_rsc"),
      action: headers.has("next-action"),
    });
    return original(input, init);
  };
  new MutationObserver(() => {
    if (win.__bodyAt === null && document.querySelector("[data-testid=article-body]")) win.__bodyAt = performance.now();
    if (win.__bodyAt !== null && document.querySelector("[data-testid=paywall]")) win.__paywallBack = true;
    const said = document.querySelector("[data-testid=unlock-announcement]")?.textContent ?? "";
    if (said && win.__announced.at(-1) !== said) win.__announced.push(said);
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

async function openPaywall(page: Page, slug: string) {
  await page.goto(`${server.url}/articles/${slug}`);
  await page.locator('[data-testid="paywall-state"][data-state="waiting"]').waitFor();
  await page.evaluate(instrument);
  return (await page.locator('[data-testid="invoice-text"]').inputValue()).trim();
}

const state = (page: Page) => page.evaluate(() => ({ ...(window as unknown as Win), active: document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName }));

describe("the unlock swaps the body in without a page refresh first", () => {
  it("shows the body the payment stream brought, with no request before it, then brings the receipt link; keyboard focus follows", async () => {
    const article = await createArticle({ priceSats: 210, title: "Swap", body: "## Swapped in\n\nThe paid text, swapped." });
    const context = await browser.newContext();
    const page = await context.newPage();
    await openPaywall(page, article.slug);
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    // A keyboard user: Tab to the dev wallet's button and press Enter.
    await page.locator('[data-testid="dev-wallet-pay"]').focus();
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 10_000 });
    // The rest of the purchased page follows (router.refresh after the body).
    await page.locator('[data-testid="receipt-link"]').waitFor({ timeout: 10_000 });

    const seen = await state(page);
    expect(seen.__bodyAt).not.toBeNull();
    const refreshes = seen.__sent.filter((r) => r.rsc && r.method === "GET" && r.url.startsWith(`/articles/${article.slug}`));
    const actions = seen.__sent.filter((r) => r.action && r.method === "POST");
    // Nothing fetched for the body (it came down the open stream): no action, no refresh before
    // it; the refresh comes after.
    expect(refreshes.filter((r) => r.at <= seen.__bodyAt!)).toEqual([]);
    expect(actions).toEqual([]);
    expect(refreshes.length).toBeGreaterThan(0);
    expect(seen.__paywallBack).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    expect(await page.locator('[data-testid="article-body"] h2').textContent()).toBe("Swapped in");
    expect(await page.locator('[data-testid="article-body"]').count()).toBe(1);
    expect(await page.locator('[data-testid="paywall"]').count()).toBe(0);
    // Announced, and focus moved from the pressed button to the body, and kept there by the refresh.
    expect(seen.__announced).toContain("Paid. The article is open.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("article-body");
    // The body is focusable for this, but not a tab stop.
    expect(await page.locator('[data-testid="article-body"]').getAttribute("tabindex")).toBe("-1");
    await context.close();
  });

  it("leaves focus where the reader is when they are elsewhere on the page, and the unlock still needs the payment", async () => {
    const article = await createArticle({ priceSats: 211, body: "Paid elsewhere, read here." });
    const context = await browser.newContext();
    const page = await context.newPage();
    const invoice = await openPaywall(page, article.slug);
    // Nothing unlocks before payment: the body never showed and no action ran.
    await page.waitForTimeout(300);
    expect((await state(page)).__sent.filter((r) => r.action)).toEqual([]);
    expect(await page.locator('[data-testid="article-body"]').count()).toBe(0);

    // The reader is on the upvote button (outside the paywall) when another wallet pays.
    const upvote = page.getByRole("button", { name: /Upvote/ });
    await upvote.focus();
    expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice })).status).toBe(200);
    await page.locator('[data-testid="article-body"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="receipt-link"]').waitFor({ timeout: 10_000 });
    const seen = await state(page);
    expect(seen.__announced).toContain("Paid. The article is open.");
    expect(seen.__paywallBack).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.textContent ?? "")).toMatch(/Upvote/);
    await context.close();
  });
});
