import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signInActors } from "@/test/support/authors";
import { contextWithCookies, launchChromium } from "@/test/support/browser";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { createStoredFile, newUploadDir, sha256, useUploadDir } from "@/test/support/stored-files";

// In Chromium: a reader buys an article with a file and downloads it from the library (the
// redirect to the download link, the attachment name, the bytes); the author then mails the
// buyers about an update with the dashboard's button and sees the counts.

let server: SiteServer;
let smtp: SmtpSink;
let browser: Browser;

beforeAll(async () => {
  smtp = await startSmtpSink();
  const uploads = newUploadDir();
  server = await startSiteServer({ env: { SMTP_URL: smtp.url, UPLOAD_DIR: uploads } });
  await shareServerDatabase(server);
  useUploadDir(uploads);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

describe("downloads in Chromium", () => {
  it("a reader buys, downloads from the library; the author mails the buyers from the dashboard", async () => {
    const { authorA } = await signInActors(server.url);
    const article = await db().article.create({
      data: { slug: "field-guide", title: "Field guide", teaser: "t", body: "The guide's paid text.", priceSats: 60, status: "visible", publishedAt: new Date(), authorId: authorA.userId! },
    });
    const file = await createStoredFile({ ownerId: authorA.userId!, articleId: article.id, title: "Field guide PDF", fileName: "field guide é.pdf" });

    const reader = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await reader.goto(`${server.url}/articles/${article.slug}`);
    await reader.click('[data-testid="dev-wallet-pay"]');
    await reader.locator('[data-testid="article-body"]').waitFor({ timeout: 10_000 });
    await reader.goto(`${server.url}/library`);
    const files = reader.getByTestId("library-files");
    await expect.poll(() => files.getByTestId("downloads-left").textContent()).toBe("5 downloads left");
    const [download] = await Promise.all([reader.waitForEvent("download"), files.getByRole("link", { name: "Download" }).click()]);
    expect(download.suggestedFilename()).toBe("field guide é.pdf");
    expect(download.url()).toMatch(/\/d\/[A-Za-z0-9_-]{32}$/);
    const bytes = await readFile((await download.path())!);
    expect(sha256(bytes)).toBe(file.sha256);
    await reader.reload();
    await expect.poll(() => files.getByTestId("downloads-left").textContent()).toBe("4 downloads left");

    // The buyer left an address with the purchase: the author's button mails it a fresh link.
    await db().payment.updateMany({ where: { articleId: article.id, status: "complete" }, data: { receiptEmail: "guide-buyer@example.test" } });
    const dashboard = await (await contextWithCookies(browser, server.url, authorA.cookie)).newPage();
    await dashboard.goto(`${server.url}/dashboard`);
    dashboard.on("dialog", (dialog) => void dialog.accept());
    const button = dashboard.getByTestId(`notify-${file.id}`);
    await dashboard.locator('[data-testid="author-files"]').waitFor();
    // The button works once the page is hydrated (its scripts loaded).
    await dashboard.waitForLoadState("networkidle");
    await button.click();
    await expect.poll(() => dashboard.getByTestId(`notify-${file.id}-result`).textContent(), { timeout: 10_000 }).toBe(" 1 mail queued, 0 already sent for this version, 0 buyers without an address.");
    await expect.poll(() => smtp.mails.filter((mail) => mail.to.includes("guide-buyer@example.test")).length, { timeout: 15_000 }).toBe(1);
    expect(smtp.mails.find((mail) => mail.to.includes("guide-buyer@example.test"))!.text).toMatch(/\/d\/[A-Za-z0-9_-]{32}/);
  });
});
