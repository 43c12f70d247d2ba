import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signInActors, type Actor } from "@/test/support/authors";
import { violationsInEveryScheme } from "@/test/support/axe";
import { contextWithCookies, launchChromium } from "@/test/support/browser";
import { createArticle } from "@/test/support/fixtures";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { answerLnurl, newPrivateKey } from "@/test/support/wallet";

// axe-core on every page a visitor, reader, author and admin sees, in the light and the dark
// colour scheme, each page in the state that shows the most of it (invoice waiting, article
// bought, dashboard with a sale, editor with a field error, moderation with a removed article).
let server: SiteServer;
let browser: Browser;
let people: { admin: Actor; reader: Actor; author: Actor };
let paidSlug: string;
let paidId: string;

const BODY = "## What it costs\n\nA **base fee** and a rate, see [the spec](https://example.com).\n\n- one\n- two\n\n> A quote.\n\n```\nlncli feereport\n```\n\n| Hop | Fee |\n| --- | --- |\n| 1 | 1 sat |";

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  const actors = await signInActors(server.url);
  people = { admin: actors.admin, reader: actors.reader, author: actors.authorA };
  const authorId = people.author.userId!;
  // The author page then shows the Lightning Address panel with its QR code.
  await db().profile.update({ where: { userId: authorId }, data: { lightningName: "routing-writer" } });
  const base = { teaser: "What a forwarding node charges.", body: BODY, authorId, publishedAt: new Date() };
  const paid = await db().article.create({ data: { ...base, slug: "routing-fees", title: "Routing fees", priceSats: 210, status: "visible" } });
  await db().article.create({ data: { ...base, slug: "free-notes", title: "Free notes", priceSats: 0, status: "visible" } });
  await db().article.create({ data: { ...base, slug: "a-draft", title: "A draft", priceSats: 5, status: "draft", publishedAt: null } });
  await createArticle({ priceSats: 9, title: "Taken down", status: "deleted_by_admin" });
  paidSlug = paid.slug;
  paidId = paid.id;
  // A file sold with it: the library and the dashboard then list it (rows only; no bytes are read).
  await db().storedFile.create({
    data: { ownerId: authorId, articleId: paid.id, title: "Fee table", fileName: "fees.pdf", mimeType: "application/pdf", sizeBytes: 2048, sha256: "0".repeat(64), storageKey: "0".repeat(32), status: "visible" },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(who: Actor | null, path: string): Promise<Page> {
  const context = who ? await contextWithCookies(browser, server.url, who.cookie) : await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  return page;
}

async function expectNoSeriousViolations(page: Page) {
  const found = await violationsInEveryScheme(page);
  expect(found, `axe found serious/critical problems on ${page.url()}:\n${found.join("\n")}`).toEqual([]);
  await page.context().close();
}

describe("axe-core: no serious or critical violations, light and dark", () => {
  it("home", async () => {
    const page = await open(null, "/");
    await page.getByTestId("article-list").waitFor();
    await expectNoSeriousViolations(page);
  });

  it("author page", async () => {
    const page = await open(null, `/authors/${people.author.userId}`);
    await page.getByTestId("article-list").waitFor();
    await page.getByTestId("tip-address").waitFor();
    await expectNoSeriousViolations(page);
  });

  it("article behind the paywall, then bought", async () => {
    const page = await open(people.reader, `/articles/${paidSlug}`);
    await page.locator('[data-testid="paywall-state"][data-state="waiting"]').waitFor();
    // The article's tip panel (a second LNURL QR, beside the invoice's) is checked with it.
    await page.getByTestId("article-tip").waitFor();
    const paywall = await violationsInEveryScheme(page);
    expect(paywall, paywall.join("\n")).toEqual([]);
    await page.getByTestId("dev-wallet-pay").click();
    await page.getByTestId("receipt").waitFor({ timeout: 15_000 });
    await expectNoSeriousViolations(page);
  });

  it("sign-in, waiting and then asking about the wallet that answered", async () => {
    const page = await open(null, "/signin");
    await page.locator('[data-testid="login-state"][data-state="waiting"]').waitFor();
    const waiting = await violationsInEveryScheme(page);
    expect(waiting, waiting.join("\n")).toEqual([]);
    await answerLnurl(await page.getByTestId("lnurl-text").inputValue(), newPrivateKey());
    await page.getByTestId("answer-confirm").waitFor({ timeout: 15_000 });
    await expectNoSeriousViolations(page);
  });

  it("account", async () => {
    const page = await open(people.admin, "/account");
    await page.getByTestId("login-keys").waitFor();
    await expectNoSeriousViolations(page);
  });

  it("library with a purchase", async () => {
    const page = await open(people.reader, "/library");
    await page.getByTestId("library").waitFor();
    await page.getByTestId("library-files").waitFor();
    await expectNoSeriousViolations(page);
  });

  it("dashboard with a sale", async () => {
    const page = await open(people.author, "/dashboard");
    await page.getByTestId("author-articles").waitFor();
    await page.getByTestId("author-files").waitFor();
    await page.getByText("Figures by day").click();
    await expectNoSeriousViolations(page);
  });

  it("editor: a new article with a field error", async () => {
    const page = await open(people.author, "/dashboard/articles/new");
    await page.locator('.editor[data-hydrated="true"]').waitFor();
    await page.getByTestId("editor-title").fill("Half written");
    await page.getByTestId("editor-save").click();
    await page.getByTestId("editor-error").waitFor();
    await expectNoSeriousViolations(page);
  });

  it("editor: a published article", async () => {
    const page = await open(people.author, `/dashboard/articles/${paidId}`);
    await page.locator('.editor[data-hydrated="true"]').waitFor();
    await page.getByTestId("editor-preview").locator("h2").waitFor();
    await expectNoSeriousViolations(page);
  });

  it("admin", async () => {
    const page = await open(people.admin, "/admin");
    await page.getByTestId("moderation-list").waitFor();
    expect(await page.getByTestId("restore-article").count()).toBeGreaterThan(0);
    await expectNoSeriousViolations(page);
  });
});
