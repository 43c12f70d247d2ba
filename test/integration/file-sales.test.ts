import { mkdirSync, mkdtempSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { SITE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { send, signInActors } from "@/test/support/authors";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { waitFor } from "@/test/support/fixtures";
import { cookieHeader, get, invoiceIn, postJson } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { TEST_TMP } from "@/test/support/test-database";
import { pdfBytes, upload } from "@/test/support/upload-client";

// Selling files on the dev node through the production server: a file sold alone has its own
// page with the paywall; paying grants READ on file:<id> and shares the money (site fee, the rest
// to the owner); the Download link (to /files/<id>/download) shows for holders only. A file
// attached to an article is listed on it and goes with the article's purchase.

mkdirSync(TEST_TMP, { recursive: true });
const uploadDir = mkdtempSync(path.join(TEST_TMP, "uploads-"));
let server: SiteServer;
let people: Awaited<ReturnType<typeof signInActors>>;

/** A browser: the first request sets its buyer cookie, later ones send it back. */
async function newReader(fileId: string): Promise<string> {
  const first = await get(`${server.url}/files/${fileId}`);
  return cookieHeader(first.cookies);
}

const page = (fileId: string, cookie = "") => get(`${server.url}/files/${fileId}`, { cookie });
const downloadHref = (fileId: string) => `href="/files/${fileId}/download"`;

async function pay(html: string) {
  const invoice = invoiceIn(html);
  expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice })).status).toBe(200);
  return waitFor(() => db().payment.findFirst({ where: { paymentRequest: invoice, status: "complete" }, include: { entitlements: true } }));
}

beforeAll(async () => {
  server = await startSiteServer({ env: { SITE_FEE_PERCENT: "10", UPLOAD_DIR: uploadDir } });
  await shareServerDatabase(server);
  people = await signInActors(server.url);
});
afterAll(async () => server?.stop());

describe("a file sold alone", () => {
  let fileId = "";

  it("is a draft, 404 for everyone but its owner, until published", async () => {
    const answer = await upload(server.url, people.authorA, `/api/uploads?${new URLSearchParams({ name: "guide.pdf", title: "The guide", priceSats: "100" })}`, { body: pdfBytes("guide") });
    expect(answer.status).toBe(201);
    fileId = (answer.body.file as { id: string }).id;
    expect((await page(fileId)).status).toBe(404);
    expect((await page(fileId, people.reader.cookie)).status).toBe(404);
    expect((await page(fileId, people.authorB.cookie)).status).toBe(404);
    const own = await page(fileId, people.authorA.cookie);
    expect(own.status).toBe(200);
    expect(own.text).toContain("Draft: only you can see this page");
    const dashboard = await get(`${server.url}/dashboard`, { cookie: people.authorA.cookie });
    expect(dashboard.text).toContain('data-testid="sold-files-table"');
    expect(dashboard.text).toContain("The guide");
    expect((await send(server.url, people.authorA, "PATCH", `/api/files/${fileId}`, { status: "visible" })).status).toBe(200);
    expect((await page(fileId)).status).toBe(200);
    expect((await page("nope")).status).toBe(404);
    expect((await page("clxxxxxxxxxxxxxxxxxxxxxxx")).status).toBe(404);
  });

  it("is bought through its page with the dev wallet; the Download link shows for the holder only", async () => {
    const cookie = await newReader(fileId);
    const paywall = await page(fileId, cookie);
    expect(paywall.text).toContain("The guide");
    expect(paywall.text).toContain("PDF");
    expect(paywall.text).not.toContain(downloadHref(fileId));
    const payment = await pay(paywall.text);
    expect(payment.entitlements).toEqual([expect.objectContaining({ kind: "read", resource: `file:${fileId}` })]);
    const held = await page(fileId, cookie);
    expect(held.text).toContain(downloadHref(fileId));
    expect(held.text).not.toContain('data-testid="paywall"');

    // Someone else still sees the paywall, and gets an invoice of their own.
    const other = await newReader(fileId);
    const theirs = await page(fileId, other);
    expect(theirs.text).not.toContain(downloadHref(fileId));
    expect(invoiceIn(theirs.text)).not.toBe(payment.paymentRequest);

    // The money: 10% site fee, the rest to the owner.
    const entries = await db().ledgerEntry.findMany({ where: { paymentId: payment.id } });
    expect(Object.fromEntries(entries.map((e) => [e.account, e.amountMsats]))).toEqual({ node: -100_000n, [SITE_ACCOUNT]: 10_000n, [userAccount(people.authorA.userId!)]: 90_000n });

    // Unpublished: gone for others, still there for its buyer.
    expect((await send(server.url, people.authorA, "PATCH", `/api/files/${fileId}`, { status: "draft" })).status).toBe(200);
    expect((await page(fileId, other)).status).toBe(404);
    expect((await page(fileId, cookie)).text).toContain(downloadHref(fileId));
    const key = (await db().storedFile.findUniqueOrThrow({ where: { id: fileId } })).storageKey;
    for (const html of [held.text, theirs.text, (await get(`${server.url}/dashboard`, { cookie: people.authorA.cookie })).text]) expect(html).not.toContain(key);
    expect(server.logs()).not.toContain(key);
    await expectBooksMatchNode(devNode);
  });

  it("free (price 0): anyone published may download, no invoice", async () => {
    const answer = await upload(server.url, people.authorB, `/api/uploads?${new URLSearchParams({ name: "free.pdf", title: "Free one", priceSats: "0" })}`, { body: pdfBytes("free") });
    const id = (answer.body.file as { id: string }).id;
    await send(server.url, people.authorB, "PATCH", `/api/files/${id}`, { status: "visible" });
    const html = (await page(id, await newReader(id))).text;
    expect(html).toContain(downloadHref(id));
    expect(html).not.toContain("lnbcrt");
  });
});

describe("a pass", () => {
  it("of the file's owner opens a file sold alone: 'Included in your pass' and the Download link", async () => {
    const answer = await upload(server.url, people.authorB, `/api/uploads?${new URLSearchParams({ name: "pass.pdf", title: "Pass file", priceSats: "70" })}`, { body: pdfBytes("pass") });
    const fileId = (answer.body.file as { id: string }).id;
    await send(server.url, people.authorB, "PATCH", `/api/files/${fileId}`, { status: "visible" });
    const offer = await send(server.url, people.authorB, "PUT", "/api/account/pass-offer", { offer: { priceSats: 300, days: 30 } });
    const offerId = (JSON.parse(offer.text) as { offer: { id: string } }).offer.id;
    const cookie = await newReader(fileId);
    expect((await page(fileId, cookie)).text).not.toContain(downloadHref(fileId));
    await pay((await get(`${server.url}/passes/${offerId}`, { cookie })).text);
    const held = (await page(fileId, cookie)).text;
    expect(held).toContain("Included in your pass (until");
    expect(held).toContain(downloadHref(fileId));
    // Author A's files are not in author B's pass.
    const other = await upload(server.url, people.authorA, `/api/uploads?${new URLSearchParams({ name: "a.pdf", title: "A's file", priceSats: "70" })}`, { body: pdfBytes("a") });
    const otherId = (other.body.file as { id: string }).id;
    await send(server.url, people.authorA, "PATCH", `/api/files/${otherId}`, { status: "visible" });
    expect((await page(otherId, cookie)).text).not.toContain(downloadHref(otherId));
    await expectBooksMatchNode(devNode);
  });
});

describe("files attached to an article", () => {
  it("are listed on it, 'included with this article' under the paywall, downloadable once it is bought", async () => {
    const created = await send(server.url, people.authorA, "POST", "/api/articles", { title: "Article with a file", teaser: "Teaser.", body: "Paid body.", priceSats: 40 });
    const { id, slug } = JSON.parse(created.text) as { id: string; slug: string };
    const attached = await upload(server.url, people.authorA, `/api/uploads?${new URLSearchParams({ name: "extra.pdf", articleId: id })}`, { body: pdfBytes("extra", 5000) });
    const fileId = (attached.body.file as { id: string }).id;
    expect((await send(server.url, people.authorA, "POST", `/api/articles/${id}/publish`)).status).toBe(200);
    const editor = await get(`${server.url}/dashboard/articles/${id}`, { cookie: people.authorA.cookie });
    expect(editor.text).toContain("extra.pdf");

    const first = await get(`${server.url}/articles/${slug}`);
    const cookie = cookieHeader(first.cookies);
    const paywall = await get(`${server.url}/articles/${slug}`, { cookie });
    expect(paywall.text).toContain('data-testid="article-files"');
    expect(paywall.text).toContain("included with this article");
    expect(paywall.text).not.toContain(downloadHref(fileId));
    // Its own page points to the article and sells nothing.
    const filePage = await page(fileId, cookie);
    expect(filePage.text).toContain(`href="/articles/${slug}"`);
    expect(filePage.text).not.toContain("lnbcrt");

    const payment = await pay(paywall.text);
    expect(payment.purpose).toBe("view");
    const bought = await get(`${server.url}/articles/${slug}`, { cookie });
    expect(bought.text).toContain("Paid body.");
    expect(bought.text).toContain(downloadHref(fileId));
    expect((await page(fileId, cookie)).text).toContain(downloadHref(fileId));
    // Removed from the article: no longer listed.
    expect((await send(server.url, people.authorA, "DELETE", `/api/files/${fileId}`)).status).toBe(200);
    expect((await get(`${server.url}/articles/${slug}`, { cookie })).text).not.toContain('data-testid="article-files"');
    await expectBooksMatchNode(devNode);
  });
});
