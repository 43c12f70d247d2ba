import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { expectBooksMatchNode, devNode } from "@/test/support/books";
import { buyWithDevWallet, fetchBytes, tokenOf } from "@/test/support/downloads";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { countsIn, runNotifyBuyers } from "@/test/support/notify-buyers-command";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { createStoredFile, newUploadDir, type TestFile, useUploadDir } from "@/test/support/stored-files";
import { Browser, signInWithWallet } from "@/test/support/wallet";

// Mails with download links, through the production server and a real SMTP server: the receipt
// carries a working link; notify-buyers (the command and the dashboard button) mails each buyer
// once per file version with a fresh link, a second run mails nobody, a run killed halfway and
// run again mails each buyer once.

const BODY = "Paid body of the file article: never in a mail.";
const LINK = /http:\/\/127\.0\.0\.1:\d+\/d\/[A-Za-z0-9_-]{32}/g;

describe("mails with download links", () => {
  let server: SiteServer;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    const uploads = newUploadDir();
    server = await startSiteServer({ env: { SMTP_URL: smtp.url, UPLOAD_DIR: uploads, MAIL_RETRY_MAX_SECONDS: "1" } });
    await shareServerDatabase(server);
    useUploadDir(uploads);
  });
  afterAll(async () => {
    await server?.stop();
    await smtp?.stop();
  });

  const mailsTo = (address: string) => smtp.mails.filter((mail) => mail.to.includes(address));
  // Buyers who gave an address also get their receipt; these are the update mails.
  const updatesTo = (address: string) => mailsTo(address).filter((mail) => mail.headers.subject?.startsWith("Update available"));
  const oneUpdateTo = (address: string) => waitFor(async () => updatesTo(address).length >= 1 && updatesTo(address)[0]!, { timeoutMs: 15_000 });
  const oneMailTo = (address: string) => waitFor(async () => mailsTo(address).length >= 1 && mailsTo(address)[0]!, { timeoutMs: 15_000 });

  async function articleWithFile(priceSats = 40): Promise<{ article: { id: string; slug: string; authorId: string }; file: TestFile }> {
    const article = await createArticle({ priceSats, body: BODY, title: "Article with an update" });
    return { article, file: await createStoredFile({ ownerId: article.authorId, articleId: article.id, title: "Workbook", fileName: "workbook.pdf" }) };
  }

  /** A buyer of the article who typed this address for the receipt beside the invoice (or none). */
  async function buyerWithAddress(slug: string, address: string | null): Promise<{ browser: Browser; paymentId: string }> {
    const browser = new Browser();
    const paymentId = await buyWithDevWallet(server.url, browser, slug, address ? { receiptEmail: address } : {});
    return { browser, paymentId };
  }

  it("the receipt mail carries a working download link, and no body or file bytes", async () => {
    const { article, file } = await articleWithFile();
    const { browser, paymentId } = await buyerWithAddress(article.slug, null);
    expect((await browser.send(`${server.url}/api/payments/${paymentId}/receipt-email`, "POST", { email: "receipt@example.test" })).status).toBe(202);
    const mail = await oneMailTo("receipt@example.test");
    expect(mail.text).toContain("Workbook (workbook.pdf), 5 downloads:");
    expect(mail.text).not.toContain(BODY);
    expect(mail.raw).not.toContain(file.bytes.subarray(200, 264).toString("base64"));
    const [link] = mail.text.match(LINK) ?? [];
    expect(link).toBeDefined();
    const download = await fetchBytes(link!);
    expect(download.status).toBe(200);
    expect(download.bytes.equals(file.bytes)).toBe(true);
    // The mailed link is the purchase's own: the browser's downloads count against the same one.
    const viaBrowser = await fetchBytes(`${server.url}/files/${file.id}/download`, { browser });
    expect(viaBrowser.headers.get("location")).toBe(`/d/${tokenOf(link!)}`);
    expect((await db().downloadLink.findUniqueOrThrow({ where: { token: tokenOf(link!) } })).usesLeft).toBe(4);

    // An address typed before paying: the receipt is queued (its link made) as the payment completes.
    await buyerWithAddress(article.slug, "at-purchase@example.test");
    const atPurchase = await oneMailTo("at-purchase@example.test");
    expect(atPurchase.text).toContain("Workbook (workbook.pdf), 5 downloads:");
    const [early] = atPurchase.text.match(LINK) ?? [];
    const fromMail = await fetchBytes(early!);
    expect(fromMail.status).toBe(200);
    expect(fromMail.bytes.equals(file.bytes)).toBe(true);
    expect(atPurchase.text).not.toContain(BODY);
  });

  it("notify-buyers mails each buyer address once per version with a fresh link; a second run mails nobody", async () => {
    const { article, file } = await articleWithFile();
    await buyerWithAddress(article.slug, "ann@example.test");
    await buyerWithAddress(article.slug, "bo@example.test");
    await buyerWithAddress(article.slug, "ANN@example.test"); // the same person again: one mail
    await buyerWithAddress(article.slug, null); // no address anywhere
    // A signed-in buyer with a verified address (and one whose address is not verified).
    const verified = await buyerWithAddress(article.slug, null);
    const unverified = await buyerWithAddress(article.slug, null);
    for (const [buyer, email, at] of [[verified, "cy@example.test", new Date()], [unverified, "dee@example.test", null]] as const) {
      const payment = await db().payment.findUniqueOrThrow({ where: { id: buyer.paymentId } });
      const user = await db().user.create({ data: { email, emailVerifiedAt: at } });
      await db().buyer.update({ where: { id: payment.buyerId! }, data: { userId: user.id } });
    }

    const first = runNotifyBuyers(server, article.slug);
    expect(await first.done, first.output()).toBe(0);
    expect(countsIn(first.output())).toEqual({ queued: 3, alreadySent: 0, withoutAddress: 2 });
    for (const address of ["ann@example.test", "bo@example.test", "cy@example.test"]) {
      const mail = await oneUpdateTo(address);
      expect(mail.headers.subject).toBe("Update available: Workbook");
      expect(mail.text).not.toContain(BODY);
      const [link] = mail.text.match(LINK) ?? [];
      const row = await db().downloadLink.findUniqueOrThrow({ where: { token: tokenOf(link!) } });
      expect(row).toMatchObject({ round: 1, usesLeft: 5, fileId: file.id });
      const download = await fetchBytes(link!);
      expect(download.status).toBe(200);
      expect(download.bytes.equals(file.bytes)).toBe(true);
    }
    expect(mailsTo("dee@example.test")).toHaveLength(0);

    const second = runNotifyBuyers(server, file.id);
    expect(await second.done, second.output()).toBe(0);
    expect(countsIn(second.output())).toEqual({ queued: 0, alreadySent: 3, withoutAddress: 2 });
    await new Promise((resolve) => setTimeout(resolve, 4500));
    for (const address of ["ann@example.test", "bo@example.test", "cy@example.test"]) expect(updatesTo(address), address).toHaveLength(1);

    // The author replaces the file: version 2 is mailed again, with another fresh link.
    await db().storedFile.update({ where: { id: file.id }, data: { version: 2 } });
    const third = runNotifyBuyers(server, article.id);
    expect(await third.done, third.output()).toBe(0);
    expect(countsIn(third.output()).queued).toBe(3);
    const again = await waitFor(async () => updatesTo("bo@example.test").length === 2 && updatesTo("bo@example.test")[1]!, { timeoutMs: 15_000 });
    const [fresh] = again.text.match(LINK) ?? [];
    expect((await db().downloadLink.findUniqueOrThrow({ where: { token: tokenOf(fresh!) } })).round).toBe(2);
    await expectBooksMatchNode(devNode);
  });

  it("a run killed halfway and run again mails every buyer exactly once", async () => {
    const { article, file } = await articleWithFile(30);
    const addresses = Array.from({ length: 40 }, (_, n) => `halfway${n}@example.test`);
    for (let n = 0; n < addresses.length; n += 8) {
      await Promise.all(addresses.slice(n, n + 8).map((address) => buyerWithAddress(article.slug, address)));
    }
    const killed = runNotifyBuyers(server, file.id);
    await waitFor(async () => killed.output().includes("queued halfway"), { timeoutMs: 20_000, intervalMs: 1 });
    killed.kill();
    await killed.done;
    const queuedBefore = await db().mailOutbox.count({ where: { idempotencyKey: { startsWith: `notify:${file.id}:` } } });
    expect(queuedBefore).toBeGreaterThan(0);
    expect(queuedBefore).toBeLessThan(addresses.length);

    const rerun = runNotifyBuyers(server, file.id);
    expect(await rerun.done, rerun.output()).toBe(0);
    expect(countsIn(rerun.output())).toEqual({ queued: addresses.length - queuedBefore, alreadySent: queuedBefore, withoutAddress: 0 });
    await waitFor(async () => addresses.every((address) => updatesTo(address).length >= 1), { timeoutMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const address of addresses) expect(updatesTo(address), address).toHaveLength(1);
  });

  it("the dashboard button mails the buyers of the owner's file and answers with the counts; nobody else may", async () => {
    const owner = await signInWithWallet(server.url);
    expect((await owner.browser.send(`${server.url}/api/account/author`, "POST", {})).status).toBe(200);
    const ownerId = (await db().loginKey.findUniqueOrThrow({ where: { pubkey: owner.pubkey } })).userId;
    const article = await db().article.create({
      data: { slug: `dash-${Date.now()}`, title: "Dashboard article", teaser: "t", body: BODY, priceSats: 25, status: "visible", publishedAt: new Date(), authorId: ownerId },
    });
    const file = await createStoredFile({ ownerId, articleId: article.id, title: "Dashboard file", fileName: "dash.pdf" });
    await buyerWithAddress(article.slug, "dash-buyer@example.test");

    const dashboard = await owner.browser.get(`${server.url}/dashboard`);
    expect(dashboard.text).toContain(`data-testid="notify-${file.id}"`);

    const stranger = await signInWithWallet(server.url);
    await stranger.browser.send(`${server.url}/api/account/author`, "POST", {});
    expect((await stranger.browser.send(`${server.url}/api/files/${file.id}/notify-buyers`, "POST", {})).status).toBe(404);
    expect((await stranger.browser.send(`${server.url}/api/articles/${article.id}/notify-buyers`, "POST", {})).status).toBe(404);
    expect((await new Browser().send(`${server.url}/api/files/${file.id}/notify-buyers`, "POST", {})).status).toBe(401);
    expect(await db().mailOutbox.count({ where: { to: "dash-buyer@example.test", idempotencyKey: { startsWith: "notify:" } } })).toBe(0);

    const answer = await owner.browser.send(`${server.url}/api/files/${file.id}/notify-buyers`, "POST", {});
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ files: 1, queued: 1, alreadySent: 0, withoutAddress: 0 });
    const mail = await oneUpdateTo("dash-buyer@example.test");
    expect(mail.text).toMatch(LINK);
    const byArticle = await owner.browser.send(`${server.url}/api/articles/${article.id}/notify-buyers`, "POST", {});
    expect(byArticle.json()).toEqual({ files: 1, queued: 0, alreadySent: 1, withoutAddress: 0 });
    await expectBooksMatchNode(devNode);
  });
});
