import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signInActors, type Actor } from "@/test/support/authors";
import { launchChromium } from "@/test/support/browser";
import { createArticle } from "@/test/support/fixtures";
import { get } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

let server: SiteServer;
let browser: Browser;
let author: Actor;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  author = (await signInActors(server.url)).authorA;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedInContext(who: Actor): Promise<BrowserContext> {
  const context = await browser.newContext();
  const cookies = who.cookie.split("; ").map((pair) => {
    const eq = pair.indexOf("=");
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: server.url };
  });
  await context.addCookies(cookies);
  return context;
}

describe("the article editor in Chromium", () => {
  it("follows the title with the slug, previews Markdown safely, shows errors by their field, saves, publishes and unpublishes", async () => {
    const taken = await createArticle({ priceSats: 1, slug: "already-taken-slug" });
    const context = await signedInContext(author);
    const page = await context.newPage();
    const xss = () => page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null);
    const navigations: string[] = [];
    page.on("framenavigated", (frame) => navigations.push(frame.url()));
    await page.goto(`${server.url}/dashboard/articles/new`);
    await page.locator('.editor[data-hydrated="true"]').waitFor();
    const loads = navigations.length;

    await page.getByTestId("editor-title").fill("Hello, Editor Wörld!");
    expect(await page.getByTestId("editor-slug").inputValue()).toBe("hello-editor-world");

    await page.getByTestId("editor-body").fill("## Live heading\n\n**bold** [ok](https://example.com)\n\n<img src=x onerror=\"window.__xss=1\">\n\n[bad](javascript:window.__xss=2)\n\n<script>window.__xss=3</script>");
    const preview = page.getByTestId("editor-preview");
    await expect.poll(() => preview.locator("h2").textContent()).toBe("Live heading");
    expect(await preview.locator("strong").textContent()).toBe("bold");
    expect(await preview.locator("img, script, [onerror]").count()).toBe(0);
    expect(await preview.locator('a[href^="javascript"]').count()).toBe(0);
    // Clicking a neutralised link runs nothing and does not leave the editor.
    await preview.getByText("bad").click();
    expect(await xss()).toBeNull();
    expect(navigations.length).toBe(loads);

    // No price yet: the server's message appears beside the price field; nothing is created.
    await page.getByTestId("editor-save").click();
    const error = page.getByTestId("editor-error");
    await expect.poll(() => error.getAttribute("data-field")).toBe("price");
    expect(await error.textContent()).toContain("Price (priceSats) is required");
    expect(await db().article.count({ where: { title: "Hello, Editor Wörld!" } })).toBe(0);

    await page.getByTestId("editor-price").fill("21");
    await page.getByTestId("editor-save").click();
    await page.waitForURL(/\/dashboard\/articles\/[a-z0-9]{20,32}$/);
    const id = page.url().split("/").at(-1)!;
    expect(await db().article.findUniqueOrThrow({ where: { id } })).toMatchObject({ slug: "hello-editor-world", priceSats: 21, status: "draft" });
    await expect.poll(() => page.getByTestId("editor-status").getAttribute("data-status")).toBe("draft");

    await page.getByTestId("editor-slug").fill(taken.slug);
    await page.getByTestId("editor-save").click();
    await expect.poll(() => page.getByTestId("editor-error").getAttribute("data-field")).toBe("slug");
    expect(await page.getByTestId("editor-error").textContent()).toContain("already used");

    await page.getByTestId("editor-slug").fill("my-edited-slug");
    await page.getByTestId("editor-publish").click();
    await expect.poll(() => page.getByTestId("editor-status").getAttribute("data-status")).toBe("visible");
    expect(await db().article.findUniqueOrThrow({ where: { id } })).toMatchObject({ slug: "my-edited-slug", status: "visible" });
    expect((await get(`${server.url}/`)).text).toContain('href="/articles/my-edited-slug"');

    await page.getByTestId("editor-unpublish").click();
    await expect.poll(() => page.getByTestId("editor-status").getAttribute("data-status")).toBe("draft");
    expect((await db().article.findUniqueOrThrow({ where: { id } })).status).toBe("draft");
    expect(await xss()).toBeNull();
    await context.close();
  });
});
