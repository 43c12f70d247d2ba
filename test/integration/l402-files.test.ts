import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { userAccount } from "@/lib/ledger/accounts";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { fetchBytes } from "@/test/support/downloads";
import { createArticle } from "@/test/support/fixtures";
import { get } from "@/test/support/http";
import { payDevInvoice, readChallenge, withCredential } from "@/test/support/l402-client";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { createStoredFile, newUploadDir, sha256, type TestFile, useUploadDir } from "@/test/support/stored-files";

// Files through the L402 API on the dev node: a file sold alone has its own token (caveat
// file=<id>) and its own sale; a file attached to an article goes with the article's token.
// With access the answer is a counted download link, never the bytes or the storage key.

let server: SiteServer;
let article: { id: string; slug: string; authorId: string };
let alone: TestFile;
let attached: TestFile;

type FileAnswer = { access?: string; download?: { url: string; usesLeft: number | null }; priceSats: number; article: unknown };

beforeAll(async () => {
  const uploads = newUploadDir();
  server = await startSiteServer({ env: { UPLOAD_DIR: uploads, SITE_FEE_PERCENT: "10", MAX_OPEN_INVOICES_PER_ADDRESS: "1000", INVOICES_PER_MINUTE: "1000" } });
  await shareServerDatabase(server);
  useUploadDir(uploads);
  article = await createArticle({ priceSats: 300, title: "Article with a file for machines" });
  alone = await createStoredFile({ ownerId: article.authorId, priceSats: 700, title: "Dataset", status: "visible" });
  attached = await createStoredFile({ ownerId: article.authorId, articleId: article.id, status: "visible" });
});
afterAll(async () => server?.stop());

async function payFor(url: string) {
  const challenge = readChallenge(await get(url));
  const preimage = await payDevInvoice(server.url, challenge.invoice);
  return { challenge, authorization: `L402 ${challenge.macaroon}:${preimage}` };
}

describe("GET /api/v1/files/<id>", () => {
  it("sells a file sold alone for its own price: 402, pay, then a counted download link; the owner is credited", async () => {
    const url = `${server.url}/api/v1/files/${alone.id}`;
    const before = await get(url);
    expect(before.text).not.toContain(alone.storageKey);
    const { challenge, authorization } = await payFor(url);
    expect(challenge.json).toMatchObject({ id: alone.id, title: "Dataset", priceSats: 700, article: null, error: { code: "payment_required" } });
    expect(challenge.json.download).toBeUndefined();
    const payment = await db().payment.findFirstOrThrow({ where: { paymentRequest: challenge.invoice } });
    expect(payment).toMatchObject({ purpose: "machine_file", payerKind: "machine", buyerId: null, amountSats: 700 });

    const answer = await withCredential(url, authorization);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text).not.toContain(alone.storageKey);
    const json = JSON.parse(answer.text) as FileAnswer;
    expect(json).toMatchObject({ access: "l402", download: { usesLeft: 5 } });
    const download = await fetchBytes(json.download!.url);
    expect(download.status).toBe(200);
    expect(sha256(download.bytes)).toBe(alone.sha256);
    // The same token keeps the same link, counted like a browser's.
    const again = JSON.parse((await withCredential(url, authorization)).text) as FileAnswer;
    expect(again.download).toMatchObject({ url: json.download!.url, usesLeft: 4 });

    const credited = await db().ledgerEntry.findFirstOrThrow({ where: { paymentId: payment.id, account: userAccount(article.authorId) } });
    expect(credited.amountMsats).toBe(630_000n);
    // The file's token opens neither the article nor another file.
    expect(JSON.parse((await withCredential(`${server.url}/api/v1/articles/${article.slug}`, authorization)).text)).toMatchObject({ error: { code: "l402_wrong_article" } });
    expect(JSON.parse((await withCredential(`${server.url}/api/v1/files/${attached.id}`, authorization)).text)).toMatchObject({ error: { code: "l402_wrong_article" } });
    await expectBooksMatchNode(devNode);
  });

  it("opens a file attached to an article with the article's token; its 402 sells the article", async () => {
    const url = `${server.url}/api/v1/files/${attached.id}`;
    const { challenge, authorization } = await payFor(url);
    expect(challenge.json).toMatchObject({ priceSats: 300, article: { slug: article.slug, priceSats: 300 } });
    const payment = await db().payment.findFirstOrThrow({ where: { paymentRequest: challenge.invoice } });
    expect(payment).toMatchObject({ purpose: "machine_view", articleId: article.id });
    const json = JSON.parse((await withCredential(url, authorization)).text) as FileAnswer;
    expect(json.access).toBe("l402");
    expect(sha256((await fetchBytes(json.download!.url)).bytes)).toBe(attached.sha256);
    // The same token reads the article itself, and is refused for the file sold alone.
    expect(JSON.parse((await withCredential(`${server.url}/api/v1/articles/${article.slug}`, authorization)).text)).toMatchObject({ access: "l402" });
    expect(JSON.parse((await withCredential(`${server.url}/api/v1/files/${alone.id}`, authorization)).text)).toMatchObject({ error: { code: "l402_wrong_file" } });
    await expectBooksMatchNode(devNode);
  });

  it("refuses bad credentials with 401 and unknown or malformed ids with 404, never a link", async () => {
    const url = `${server.url}/api/v1/files/${alone.id}`;
    for (const authorization of ["L402 abc", `L402 ${Buffer.from("forged").toString("base64")}:${"0".repeat(64)}`, "LSAT x:y, L402 x:y"]) {
      const response = await withCredential(url, authorization);
      expect(response.status, authorization).toBe(401);
      expect(response.text).not.toContain("/d/");
    }
    expect((await get(`${server.url}/api/v1/files/cm0nosuchfile000000000000`)).status).toBe(404);
    expect((await get(`${server.url}/api/v1/files/..%2F..%2Fetc`)).status).toBe(404);
  });
});
