import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bobWallet } from "@/test/support/bob-wallet";
import { aliceNode, expectBooksMatchNode } from "@/test/support/books";
import { fetchBytes } from "@/test/support/downloads";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { get } from "@/test/support/http";
import { newReaderInvoice } from "@/test/support/reader";
import { aliceSettings } from "@/test/support/regtest-network";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { createStoredFile, newUploadDir, sha256, useUploadDir } from "@/test/support/stored-files";

// A file sold with an article on the site's real LND node (alice), paid by bob through a real
// channel, then downloaded through its download link.
let server: SiteServer;

beforeAll(async () => {
  const uploads = newUploadDir();
  server = await startSiteServer({ env: { ...aliceSettings(), UPLOAD_DIR: uploads } });
  await shareServerDatabase(server);
  useUploadDir(uploads);
});
afterAll(async () => server?.stop());

describe("downloads on alice", () => {
  it("bob buys an article with a file and downloads it; the books match alice", async () => {
    const article = await createArticle({ priceSats: 300, body: "Paid body with a file." });
    const file = await createStoredFile({ ownerId: article.authorId, articleId: article.id, fileName: "lnd.pdf" });
    const reader = await newReaderInvoice(server.url, article.slug);
    expect((await fetchBytes(`${server.url}/files/${file.id}/download`, { headers: { cookie: reader.cookie } })).status).toBe(403);
    await bobWallet().pay(reader.invoice);
    await waitFor(async () => (await db().payment.findFirst({ where: { paymentRequest: reader.invoice } }))?.status === "complete", { timeoutMs: 20_000, intervalMs: 100 });
    expect((await get(`${server.url}/articles/${article.slug}`, { cookie: reader.cookie })).text).toContain("Paid body with a file.");

    const redirect = await fetchBytes(`${server.url}/files/${file.id}/download`, { headers: { cookie: reader.cookie } });
    expect(redirect.status).toBe(303);
    const download = await fetchBytes(`${server.url}${redirect.headers.get("location")}`);
    expect(download.status).toBe(200);
    expect(sha256(download.bytes)).toBe(file.sha256);
    expect(download.bytes.equals(file.bytes)).toBe(true);
    await expectBooksMatchNode(aliceNode());
  });
});
