import { readFile } from "node:fs/promises";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { send, signInActors } from "@/test/support/authors";
import { violationsInEveryScheme } from "@/test/support/axe";
import { contextWithCookies, launchChromium } from "@/test/support/browser";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { TEST_TMP } from "@/test/support/test-database";
import { pdfBytes, sha256 } from "@/test/support/upload-client";

// In Chromium: an author uploads a PDF in the article editor and watches the progress bar move
// (the upload is throttled so the browser reports it in steps), publishes; a reader pays with
// the dev wallet, gets the Download link to /files/<id>/download and downloads the file. The
// same for a file sold alone, created from the dashboard.

mkdirSync(TEST_TMP, { recursive: true });
const uploadDir = mkdtempSync(path.join(TEST_TMP, "uploads-"));
let server: SiteServer;
let browser: Browser;
let people: Awaited<ReturnType<typeof signInActors>>;
const MB = 1024 * 1024;

beforeAll(async () => {
  server = await startSiteServer({ env: { UPLOAD_DIR: uploadDir } });
  await shareServerDatabase(server);
  people = await signInActors(server.url);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The author's page, with uploads throttled and every value the progress bars show recorded. */
async function authorPage(url: string): Promise<Page> {
  const context = await contextWithCookies(browser, server.url, people.authorA.cookie);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 2 * MB });
  await page.addInitScript(() => {
    const seen: number[] = ((window as unknown as { progressSeen: number[] }).progressSeen = []);
    setInterval(() => {
      for (const bar of document.querySelectorAll("progress")) if (seen.at(-1) !== bar.value) seen.push(bar.value);
    }, 5);
  });
  await page.goto(url);
  await page.locator('[data-hydrated="true"], [data-testid="sold-files"]').first().waitFor();
  return page;
}

async function expectAccessible(page: Page) {
  const found = await violationsInEveryScheme(page);
  expect(found, `axe found serious/critical problems on ${page.url()}:\n${found.join("\n")}`).toEqual([]);
}

/** Clicks a Download link and reads the file Chromium saved (through the redirect to /d/<token>). */
async function downloadFrom(page: Page, link: Locator): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.url()).toMatch(/\/d\/[A-Za-z0-9_-]{32}$/);
  return readFile((await download.path())!);
}

const progressSeen = (page: Page) => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);

async function payAsReader(url: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await page.locator('[data-testid="dev-wallet-pay"]').waitFor({ timeout: 15_000 });
  await expectAccessible(page);
  await page.click('[data-testid="dev-wallet-pay"]');
  return page;
}

describe("uploading and selling a file in Chromium", () => {
  it("an author uploads a PDF in the editor with a moving progress bar and publishes; a reader buys the article and gets the Download link", async () => {
    const created = await send(server.url, people.authorA, "POST", "/api/articles", { title: "Article with a PDF", teaser: "A teaser.", body: "The paid text.", priceSats: 25 });
    const { id, slug } = JSON.parse(created.text) as { id: string; slug: string };
    const page = await authorPage(`${server.url}/dashboard/articles/${id}`);
    const pdf = pdfBytes("browser", 4 * MB);
    await page.locator('[data-testid="article-file-upload-input"]').setInputFiles({ name: "handbook.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.click('[data-testid="article-file-upload-send"]');
    await expect.poll(() => page.locator('[data-testid="article-file-upload-status"]').textContent(), { timeout: 20_000 }).toBe("Uploaded handbook.pdf.");
    const seen = await progressSeen(page);
    expect(seen.some((value) => value > 0 && value < 1), `progress values seen: ${seen.join(", ")}`).toBe(true);
    expect(await page.locator('[data-testid="article-files-item"]').textContent()).toContain("handbook.pdf");
    const file = await db().storedFile.findFirstOrThrow({ where: { articleId: id } });
    expect(file).toMatchObject({ mimeType: "application/pdf", sizeBytes: pdf.length, sha256: sha256(pdf) });
    await expectAccessible(page);

    await page.click('[data-testid="editor-publish"]');
    await page.locator('[data-testid="editor-status"][data-status="visible"]').waitFor();

    const reader = await payAsReader(`${server.url}/articles/${slug}`);
    await reader.locator('[data-testid="article-body"]').waitFor({ timeout: 15_000 });
    const link = reader.locator('[data-testid="file-download"]');
    await link.waitFor();
    expect(await link.getAttribute("href")).toBe(`/files/${file.id}/download`);
    await expectAccessible(reader);
    expect(sha256(await downloadFrom(reader, link))).toBe(sha256(pdf));
  });

  it("an author creates, uploads and publishes a file sold alone from the dashboard; a reader buys it on its page", async () => {
    const page = await authorPage(`${server.url}/dashboard`);
    await page.fill('[data-testid="sold-file-title"]', "Field notes");
    await page.fill('[data-testid="sold-file-price"]', "15");
    await page.locator('[data-testid="sold-file-upload-input"]').setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: pdfBytes("notes", 2 * MB) });
    await page.click('[data-testid="sold-file-upload-send"]');
    const row = page.locator('[data-testid="sold-file-row"]', { hasText: "Field notes" });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.locator('[data-testid="sold-file-status"]').textContent()).toBe("draft");
    expect((await progressSeen(page)).some((value) => value > 0 && value < 1)).toBe(true);
    await row.locator('[data-testid="sold-file-toggle"]').click();
    await expect.poll(() => row.locator('[data-testid="sold-file-status"]').textContent()).toBe("published");
    const fileId = (await row.getAttribute("data-file-id"))!;
    await expectAccessible(page);

    const reader = await payAsReader(`${server.url}/files/${fileId}`);
    const link = reader.locator('[data-testid="file-download"]');
    await link.waitFor({ timeout: 15_000 });
    expect(await link.getAttribute("href")).toBe(`/files/${fileId}/download`);
    await expectAccessible(reader);
    expect(sha256(await downloadFrom(reader, link))).toBe((await db().storedFile.findUniqueOrThrow({ where: { id: fileId } })).sha256);
  });
});
