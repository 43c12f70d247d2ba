import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COLOR_SCHEMES } from "@/test/support/axe";
import { launchChromium } from "@/test/support/browser";
import { createArticle } from "@/test/support/fixtures";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// Buying an article with the keyboard alone, seeing where the focus is at every stop, and the
// dark colour scheme (prefers-color-scheme) with a QR code that scanners can still read.
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

type Rgb = [number, number, number];
const rgb = (css: string): Rgb => {
  const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b];
};
const luminance = ([r, g, b]: Rgb) => {
  const channel = (value: number) => ((value /= 255) <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
const contrast = (a: Rgb, b: Rgb) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

type Focus = { tag: string; testId: string | null; text: string; className: string; outlineStyle: string; outlineWidth: number; outlineColor: string; pageBackground: string; onScreen: boolean };

async function focused(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
      tag: element.tagName.toLowerCase(),
      testId: element.getAttribute("data-testid"),
      text: (element.textContent ?? "").trim().slice(0, 40),
      className: typeof element.className === "string" ? element.className : "",
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth),
      outlineColor: style.outlineColor,
      pageBackground: getComputedStyle(document.documentElement).backgroundColor,
      onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < window.innerHeight && box.left < window.innerWidth,
    };
  });
}

/** WCAG 2.4.7/2.4.13: a solid ring at least 2px thick, 3:1 against the page, on screen. */
function expectVisibleFocus(focus: Focus) {
  const where = `${focus.tag}.${focus.className} "${focus.text}"`;
  expect(focus.onScreen, `${where} is off screen while focused`).toBe(true);
  expect(focus.outlineStyle, `${where} has no focus ring`).toBe("solid");
  expect(focus.outlineWidth, `${where}'s focus ring is too thin`).toBeGreaterThanOrEqual(2);
  expect(contrast(rgb(focus.outlineColor), rgb(focus.pageBackground)), `${where}'s focus ring does not stand out`).toBeGreaterThanOrEqual(3);
}

/** Presses Tab until `matches` holds for the focused element, checking every stop on the way. */
async function tabTo(page: Page, matches: (focus: Focus) => boolean): Promise<Focus> {
  for (let stops = 0; stops < 30; stops++) {
    await page.keyboard.press("Tab");
    const focus = await focused(page);
    if (focus.tag !== "main") expectVisibleFocus(focus);
    if (matches(focus)) return focus;
  }
  throw new Error("the element was not reached with the Tab key");
}

describe("keyboard", () => {
  for (const colorScheme of COLOR_SCHEMES) {
    it(`skips to the content, copies the invoice and pays with the dev wallet using Tab and Enter (${colorScheme})`, async () => {
      const article = await createArticle({ priceSats: 34, body: "## Bought by keyboard" });
      const context = await browser.newContext({ colorScheme });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
      const page = await context.newPage();
      await page.goto(`${server.url}/articles/${article.slug}`);
      await page.locator('[data-testid="paywall-state"][data-state="waiting"]').waitFor();
      const invoice = await page.getByTestId("invoice-text").inputValue();

      // The first stop is the skip link, shown while focused; Enter lands in the main content.
      await page.keyboard.press("Tab");
      const skip = await focused(page);
      expect(skip.className).toBe("skip-link");
      expectVisibleFocus(skip);
      await page.keyboard.press("Enter");
      expect((await focused(page)).tag).toBe("main");

      await tabTo(page, (focus) => focus.text === "Copy invoice");
      await page.keyboard.press("Enter");
      await expect.poll(async () => (await focused(page)).text).toBe("Copied");
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(invoice);

      await tabTo(page, (focus) => focus.testId === "dev-wallet-pay");
      await page.keyboard.press("Enter");
      await page.locator('[data-testid="article-body"] h2').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-testid="article-body"] h2').textContent()).toBe("Bought by keyboard");
      await context.close();
    });
  }
});

describe("colour schemes", () => {
  it("follows prefers-color-scheme: dark ground and light text in the dark scheme, and the QR code stays dark on white", async () => {
    const article = await createArticle({ priceSats: 8 });
    const seen: Record<string, { ground: number; text: number; qrGround: string; qrFilter: string }> = {};
    for (const colorScheme of COLOR_SCHEMES) {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(`${server.url}/articles/${article.slug}`);
      await page.locator('[data-testid="invoice-qr"] svg').waitFor();
      const colours = await page.evaluate(() => {
        const qr = document.querySelector('[data-testid="invoice-qr"]')!;
        return {
          ground: getComputedStyle(document.documentElement).backgroundColor,
          text: getComputedStyle(document.body).color,
          qrGround: getComputedStyle(qr).backgroundColor,
          qrFilter: getComputedStyle(qr.querySelector("svg")!).filter,
        };
      });
      seen[colorScheme] = { ground: luminance(rgb(colours.ground)), text: luminance(rgb(colours.text)), qrGround: colours.qrGround, qrFilter: colours.qrFilter };
      await context.close();
    }
    expect(seen.light!.ground).toBeGreaterThan(0.8);
    expect(seen.light!.text).toBeLessThan(0.1);
    expect(seen.dark!.ground).toBeLessThan(0.05);
    expect(seen.dark!.text).toBeGreaterThan(0.6);
    for (const scheme of COLOR_SCHEMES) {
      expect(seen[scheme]!.qrGround, `QR ground (${scheme})`).toBe("rgb(255, 255, 255)");
      expect(seen[scheme]!.qrFilter, `QR filter (${scheme})`).toBe("none");
    }
  });
});
