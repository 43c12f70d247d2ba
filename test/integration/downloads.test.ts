import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { expectBooksMatchNode, devNode } from "@/test/support/books";
import { buyWithDevWallet, downloadLinkOf, fetchBytes, tokenOf } from "@/test/support/downloads";
import { createArticle } from "@/test/support/fixtures";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { createStoredFile, newUploadDir, sha256, type TestFile, useUploadDir } from "@/test/support/stored-files";
import { Browser, signInWithWallet } from "@/test/support/wallet";

// Download links through the production server: five downloads then 410, exactly five files
// for 50 racing requests, Range (resume counted once, 416, malformed ranges), HEAD, the
// headers (type, length, a safe name, ETag, no caching), unknown, expired and used-up links,
// and nothing for a reader who did not buy.

const NASTY = `../"quoted" résumé\u202e.pdf`;

describe("download links", () => {
  let server: SiteServer;
  let article: { id: string; slug: string; authorId: string };
  let file: TestFile;

  beforeAll(async () => {
    const uploads = newUploadDir();
    server = await startSiteServer({ env: { UPLOAD_DIR: uploads } });
    await shareServerDatabase(server);
    useUploadDir(uploads);
    article = await createArticle({ priceSats: 50, title: "Article with a file" });
    file = await createStoredFile({ ownerId: article.authorId, articleId: article.id, fileName: NASTY, bytes: Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(300_000)]) });
  });
  afterAll(async () => server?.stop());

  const usesLeft = async (link: string) => (await db().downloadLink.findUniqueOrThrow({ where: { token: tokenOf(link) } })).usesLeft;

  async function buyer(): Promise<{ browser: Browser; link: string }> {
    const browser = new Browser();
    await buyWithDevWallet(server.url, browser, article.slug);
    return { browser, link: await downloadLinkOf(server.url, browser, file.id) };
  }

  it("downloads a bought file five times (same bytes and sha256), refuses the sixth with 410; the library counts down", async () => {
    const { browser, link } = await buyer();
    for (let n = 1; n <= 5; n += 1) {
      const download = await fetchBytes(link);
      expect(download.status).toBe(200);
      expect(download.bytes.equals(file.bytes)).toBe(true);
      expect(sha256(download.bytes)).toBe(file.sha256);
      if (n === 2) {
        const library = await browser.get(`${server.url}/library`);
        expect(library.text).toContain('data-testid="library-files"');
        expect(library.text).toMatch(/3 downloads left/);
        expect(library.text).toContain(`/files/${file.id}/download`);
      }
    }
    const sixth = await fetchBytes(link);
    expect(sixth.status).toBe(410);
    expect(JSON.parse(sixth.bytes.toString()).error).toMatchObject({ code: "no_downloads_left", message: "No downloads left on this link" });
    // The same browser gets the same (used-up) link again: a purchase has one link.
    expect(await downloadLinkOf(server.url, browser, file.id)).toBe(link);
    expect((await browser.get(`${server.url}/library`)).text).toContain("no downloads left");
    await expectBooksMatchNode(devNode);
  });

  it("sends the headers a download needs, and a safe file name", async () => {
    const { link } = await buyer();
    const download = await fetchBytes(link, { headers: { "accept-encoding": "gzip, br" } });
    expect(download.status).toBe(200);
    const headers = download.headers;
    expect(headers.get("content-type")).toBe("application/pdf");
    expect(headers.get("content-length")).toBe(String(file.bytes.length));
    expect(headers.get("content-encoding")).toBeNull();
    expect(headers.get("accept-ranges")).toBe("bytes");
    expect(headers.get("etag")).toBe(`"${file.sha256}"`);
    expect(headers.get("cache-control")).toContain("no-store");
    expect(headers.get("cache-control")).toContain("private");
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    const disposition = headers.get("content-disposition") ?? "";
    expect(disposition).toBe(`attachment; filename="\\"quoted\\" r?sum?.pdf"; filename*=UTF-8''%22quoted%22%20r%C3%A9sum%C3%A9.pdf`);
    expect(disposition).not.toContain("..");
    expect(disposition).not.toContain("/");
    // The storage key never reaches the client.
    for (const value of headers.values()) expect(value).not.toContain(file.storageKey);
  });

  it("gives exactly 5 whole files to 50 concurrent requests for a link with 5 left, and 45 clear 410s", async () => {
    const { link } = await buyer();
    const answers = await Promise.all(Array.from({ length: 50 }, () => fetchBytes(link)));
    const whole = answers.filter((answer) => answer.status === 200 && answer.bytes.equals(file.bytes));
    const refused = answers.filter((answer) => answer.status === 410 && JSON.parse(answer.bytes.toString()).error.code === "no_downloads_left");
    expect(whole).toHaveLength(5);
    expect(refused).toHaveLength(45);
    expect(await usesLeft(link)).toBe(0);
  });

  it("counts a download resumed with Range once; a resume long after counts again", async () => {
    const { link } = await buyer();
    const first = await fetchBytes(link, { headers: { range: "bytes=0-99999" } });
    expect(first.status).toBe(206);
    expect(first.headers.get("content-range")).toBe(`bytes 0-99999/${file.bytes.length}`);
    expect(first.headers.get("content-length")).toBe("100000");
    expect(await usesLeft(link)).toBe(4);
    const rest = await fetchBytes(link, { headers: { range: "bytes=100000-" } });
    expect(rest.status).toBe(206);
    expect(rest.headers.get("content-range")).toBe(`bytes 100000-${file.bytes.length - 1}/${file.bytes.length}`);
    expect(Buffer.concat([first.bytes, rest.bytes]).equals(file.bytes)).toBe(true);
    expect(await usesLeft(link)).toBe(4);
    // If-Range naming another version: the whole (current) file, counted as a new download.
    const otherVersion = await fetchBytes(link, { headers: { range: "bytes=100000-", "if-range": `"${"0".repeat(64)}"` } });
    expect(otherVersion.status).toBe(200);
    expect(otherVersion.bytes.equals(file.bytes)).toBe(true);
    expect(await usesLeft(link)).toBe(3);
    // Two hours later a range request is a new download.
    await db().downloadLink.update({ where: { token: tokenOf(link) }, data: { lastCountedAt: new Date(Date.now() - 2 * 3600_000) } });
    const late = await fetchBytes(link, { headers: { range: "bytes=100000-" } });
    expect(late.status).toBe(206);
    expect(await usesLeft(link)).toBe(2);
  });

  it("answers 416 to a range past the end (counting nothing) and the whole file to malformed or multiple ranges", async () => {
    const { link } = await buyer();
    const size = file.bytes.length;
    for (const range of [`bytes=${size}-`, `bytes=${size + 10}-${size + 20}`, "bytes=-0"]) {
      const answer = await fetchBytes(link, { headers: { range } });
      expect(answer.status, range).toBe(416);
      expect(answer.headers.get("content-range"), range).toBe(`bytes */${size}`);
    }
    expect(await usesLeft(link)).toBe(5);
    for (const range of ["bytes=0-1,5-9", "bytes=abc", "bytes=9-2", "pages=1-2"]) {
      const answer = await fetchBytes(link, { headers: { range } });
      expect(answer.status, range).toBe(200);
      expect(answer.bytes.equals(file.bytes), range).toBe(true);
    }
    expect(await usesLeft(link)).toBe(1);
    const suffix = await fetchBytes(link, { headers: { range: "bytes=-100" } });
    expect(suffix.status).toBe(206);
    expect(suffix.bytes.equals(file.bytes.subarray(size - 100))).toBe(true);
  });

  it("answers HEAD with the headers and no body, taking no download", async () => {
    const { link } = await buyer();
    const head = await fetchBytes(link, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(file.bytes.length));
    expect(head.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(head.bytes.length).toBe(0);
    const ranged = await fetchBytes(link, { method: "HEAD", headers: { range: "bytes=10-19" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 10-19/${file.bytes.length}`);
    expect(await usesLeft(link)).toBe(5);
    await db().downloadLink.update({ where: { token: tokenOf(link) }, data: { usesLeft: 0 } });
    expect((await fetchBytes(link, { method: "HEAD" })).status).toBe(410);
  });

  it("refuses unknown (404), expired (410) and removed-file (410) links, and malformed tokens", async () => {
    for (const token of [randomBytes(24).toString("base64url"), "short", "..%2F..%2Fetc%2Fpasswd", "x".repeat(300)]) {
      const answer = await fetchBytes(`${server.url}/d/${token}`);
      expect(answer.status, token).toBe(404);
      expect(answer.bytes.includes(file.bytes.subarray(0, 64))).toBe(false);
    }
    const { link } = await buyer();
    await db().downloadLink.update({ where: { token: tokenOf(link) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await fetchBytes(link);
    expect(expired.status).toBe(410);
    expect(JSON.parse(expired.bytes.toString()).error.code).toBe("link_expired");

    const other = await buyer();
    const removed = await createStoredFile({ ownerId: article.authorId, articleId: article.id, fileName: "old.pdf" });
    const removedLink = await downloadLinkOf(server.url, other.browser, removed.id);
    await db().storedFile.update({ where: { id: removed.id }, data: { status: "removed" } });
    const gone = await fetchBytes(removedLink);
    expect(gone.status).toBe(410);
    expect(JSON.parse(gone.bytes.toString()).error.code).toBe("file_removed");
    expect((await fetchBytes(`${server.url}/files/${removed.id}/download`, { browser: other.browser })).status).toBe(410);
    await expectBooksMatchNode(devNode);
  });

  it("keeps a file its owner unpublished for those who bought it; a stranger gets a 404", async () => {
    const solo = await createStoredFile({ ownerId: article.authorId, priceSats: 0, fileName: "solo.pdf" });
    const { browser } = await buyer();
    // Sold with the article, then unpublished by its owner: the article's buyers keep it.
    const attached = await createStoredFile({ ownerId: article.authorId, articleId: article.id, fileName: "kept.pdf" });
    const link = await downloadLinkOf(server.url, browser, attached.id);
    await db().storedFile.updateMany({ where: { id: { in: [attached.id, solo.id] } }, data: { status: "draft" } });
    expect((await downloadLinkOf(server.url, browser, attached.id))).toBe(link);
    const kept = await fetchBytes(link);
    expect(kept.status).toBe(200);
    expect(kept.bytes.equals(attached.bytes)).toBe(true);
    expect((await fetchBytes(`${server.url}/files/${attached.id}/download`, { browser: new Browser() })).status).toBe(404);
    // A free file is free only while on offer.
    expect((await fetchBytes(`${server.url}/files/${solo.id}/download`)).status).toBe(404);
  });

  it("gives a reader who did not buy nothing: 403 at /files/<id>/download, no link made", async () => {
    const stranger = new Browser();
    await stranger.get(`${server.url}/articles/${article.slug}`);
    const before = await db().downloadLink.count();
    const answer = await fetchBytes(`${server.url}/files/${file.id}/download`, { browser: stranger });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.bytes.toString()).error.message).toContain(`/articles/${article.slug}`);
    expect((await fetchBytes(`${server.url}/files/${file.id}/download`)).status).toBe(403);
    expect((await fetchBytes(`${server.url}/files/nosuchfile000000000000000/download`)).status).toBe(404);
    expect((await fetchBytes(`${server.url}/files/..%2Fx/download`)).status).toBe(404);
    expect(await db().downloadLink.count()).toBe(before);
  });

  it("streams a free article's file at once, counting nothing", async () => {
    const free = await createArticle({ priceSats: 0 });
    const freeFile = await createStoredFile({ ownerId: free.authorId, articleId: free.id, fileName: "free.pdf" });
    const before = await db().downloadLink.count();
    const answer = await fetchBytes(`${server.url}/files/${freeFile.id}/download`);
    expect(answer.status).toBe(200);
    expect(answer.bytes.equals(freeFile.bytes)).toBe(true);
    expect(answer.headers.get("content-disposition")).toBe("attachment; filename=free.pdf");
    expect(await db().downloadLink.count()).toBe(before);
  });

  it("lets the owner download their own file (a draft too) directly; a draft is 404 to everyone else", async () => {
    const owner = await signInWithWallet(server.url);
    const ownerId = (await db().loginKey.findUniqueOrThrow({ where: { pubkey: owner.pubkey } })).userId;
    const draft = await createStoredFile({ ownerId, priceSats: 100, fileName: "draft.pdf", status: "draft" });
    const before = await db().downloadLink.count();
    const own = await fetchBytes(`${server.url}/files/${draft.id}/download`, { browser: owner.browser });
    expect(own.status).toBe(200);
    expect(own.bytes.equals(draft.bytes)).toBe(true);
    expect(await db().downloadLink.count()).toBe(before);
    const other = await signInWithWallet(server.url);
    expect((await fetchBytes(`${server.url}/files/${draft.id}/download`, { browser: other.browser })).status).toBe(404);
    expect((await fetchBytes(`${server.url}/files/${draft.id}/download`)).status).toBe(404);
  });
});
