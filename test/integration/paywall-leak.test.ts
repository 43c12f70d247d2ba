import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { cookieHeader, get, invoiceIn, paymentIdIn, post, postJson, readEvents, type RawResponse } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { createStoredFile, fileBytes, newUploadDir, useUploadDir } from "@/test/support/stored-files";
import { db } from "@/lib/db/client";
import { getBytes, metaTags } from "@/test/support/previews";

// A string that exists only in the paid body. Every raw response an unpaid reader can get is
// searched for it; after paying, the same search must find it (so the test can fail).
const SENTINEL = "SENTINEL-PAID-BODY-7f3a9c21";
// The same for the bytes of the file sold with the article.
const FILE_SENTINEL = "SENTINEL-PAID-FILE-4be01d77";

let server: SiteServer;
let slug: string;
let articleId: string;
let authorId: string;
let fileId: string;

beforeAll(async () => {
  const uploads = newUploadDir();
  server = await startSiteServer({ env: { UPLOAD_DIR: uploads } });
  await shareServerDatabase(server);
  useUploadDir(uploads);
  const article = await createArticle({ priceSats: 777, title: "Leak check", body: `Secret paragraph.\n\n${SENTINEL} and **more** paid text.` });
  slug = article.slug;
  articleId = article.id;
  authorId = article.authorId;
  fileId = (await createStoredFile({ ownerId: authorId, articleId, bytes: fileBytes(50_000, FILE_SENTINEL) })).id;
});
afterAll(async () => server?.stop());

function rscHeaders(extra: Record<string, string> = {}) {
  return { RSC: "1", "Next-Url": `/articles/${slug}`, ...extra };
}

async function everythingAnUnpaidReaderCanFetch(cookie: string, paymentId: string): Promise<Array<[string, RawResponse | string[]]>> {
  const page = `${server.url}/articles/${slug}`;
  return [
    ["page without cookie", await get(page)],
    ["page with cookie", await get(page, { cookie })],
    ["RSC payload", await get(`${page}?_rsc=leak1`, { cookie, headers: rscHeaders(), follow: true })],
    ["RSC prefetch payload", await get(`${page}?_rsc=leak2`, { cookie, headers: rscHeaders({ "Next-Router-Prefetch": "1" }), follow: true })],
    ["RSC prefetch without ?_rsc", await get(page, { cookie, headers: rscHeaders({ "Next-Router-Prefetch": "1" }), follow: true })],
    ["page without cookie, RSC headers", await get(page, { headers: rscHeaders(), follow: true })],
    ["home page", await get(`${server.url}/`, { cookie })],
    ["home RSC payload", await get(`${server.url}/?_rsc=leak3`, { cookie, headers: { RSC: "1" }, follow: true })],
    ["health JSON", await get(`${server.url}/api/health`)],
    ["payment status JSON", await get(`${server.url}/api/payments/${paymentId}`, { cookie })],
    ["check payment JSON", await post(`${server.url}/api/payments/${paymentId}/check`, undefined, { cookie })],
    ["event stream", await readEvents(`${server.url}/api/payments/${paymentId}/events`, cookie, (events) => events.length > 0, 3000)],
    ["not-found page", await get(`${server.url}/articles/${slug}-nope`, { cookie })],
    ["upvote invoice JSON", await post(`${server.url}/api/articles/${articleId}/upvotes`, undefined, { cookie })],
    ["article tip payRequest", await get(`${server.url}/api/lnurlp/articles/${articleId}`)],
    ["article tip invoice", await get(`${server.url}/api/lnurlp/articles/${articleId}/callback?amount=5000`)],
    ["author page", await get(`${server.url}/authors/${authorId}`, { cookie })],
    ["file download", await get(`${server.url}/files/${fileId}/download`, { cookie, follow: true })],
    ["file download without cookie", await get(`${server.url}/files/${fileId}/download`, { follow: true })],
    ["guessed download link", await get(`${server.url}/d/${"A".repeat(32)}`)],
    ["library", await get(`${server.url}/library`, { cookie })],
    ...(await publicChannels(cookie)),
    ["L402 API, 402 challenge", await get(`${server.url}/api/v1/articles/${slug}`)],
    ["L402 API with the cookie", await get(`${server.url}/api/v1/articles/${slug}`, { cookie })],
    ["L402 API with a forged credential", await get(`${server.url}/api/v1/articles/${slug}`, { headers: { authorization: `L402 ${Buffer.from("forged").toString("base64")}:${"0".repeat(64)}` } })],
    ["admin L402 page", await get(`${server.url}/admin/l402`, { cookie })],
    ["L402 file API, 402 challenge", await get(`${server.url}/api/v1/files/${fileId}`)],
  ];
}

// Feeds, the sitemap, robots.txt and the preview image: the same for everyone (200 each, so
// this test fails where they are missing), fetched here with the given browser's cookies.
async function publicChannels(cookie: string): Promise<Array<[string, RawResponse]>> {
  const paths = ["/feed.xml", "/atom.xml", `/authors/${authorId}/feed.xml`, `/authors/${authorId}/atom.xml`, "/sitemap.xml", "/robots.txt", `/og/articles/${slug}`];
  const out: Array<[string, RawResponse]> = [];
  for (const path of paths) {
    const response = await get(`${server.url}${path}`, { cookie });
    expect(response.status, path).toBe(200);
    out.push([path, response]);
  }
  expect(out.find(([path]) => path === "/feed.xml")![1].text).toContain(`/articles/${slug}</link>`);
  return out;
}

describe("paid content never reaches a reader who has not paid", () => {
  it("is absent from HTML, RSC payloads, metadata, JSON, event streams and logs until paid, then present", async () => {
    const first = await get(`${server.url}/articles/${slug}`);
    const cookie = cookieHeader(first.cookies);
    const paywall = await get(`${server.url}/articles/${slug}`, { cookie });
    const paymentId = paymentIdIn(paywall.text);

    const responses = await everythingAnUnpaidReaderCanFetch(cookie, paymentId);
    const rscResponse = responses.find(([channel]) => channel === "RSC payload")![1] as RawResponse;
    expect(rscResponse.headers.get("content-type")).toContain("text/x-component");
    for (const [channel, response] of responses) {
      const text = Array.isArray(response) ? response.join("\n") : response.text;
      expect(text.length, channel).toBeGreaterThan(0);
      expect(text.includes(SENTINEL), `${channel} leaked the paid body`).toBe(false);
      expect(text.includes("Secret paragraph"), `${channel} leaked the paid body`).toBe(false);
      expect(text.includes(FILE_SENTINEL), `${channel} leaked the paid file`).toBe(false);
    }
    expect(paywall.text).toContain('<meta name="description" content="A public teaser."');

    // Another reader's payment does not unlock this one.
    const stranger = cookieHeader((await get(`${server.url}/articles/${slug}`)).cookies);
    await postJson(`${server.url}/api/dev/wallet/pay`, { invoice: invoiceIn((await get(`${server.url}/articles/${slug}`, { cookie: stranger })).text) });
    await waitFor(async () => (await get(`${server.url}/articles/${slug}`, { cookie: stranger })).text.includes(SENTINEL));
    expect((await get(`${server.url}/articles/${slug}`, { cookie })).text).not.toContain(SENTINEL);
    // ...nor its file, and the buyer's receipt mail carries a link, never the body or the file.
    expect((await get(`${server.url}/files/${fileId}/download`, { cookie })).status).toBe(403);
    expect((await get(`${server.url}/library`, { cookie })).text).not.toContain(`/files/${fileId}/download`);
    const strangerReceipt = await db().payment.findFirstOrThrow({ where: { articleId, status: "complete" } });
    expect((await post(`${server.url}/api/payments/${strangerReceipt.id}/receipt-email`, JSON.stringify({ email: "stranger@example.test" }), { cookie: stranger, headers: { "content-type": "application/json" } })).status).toBe(202);
    const mails = await db().mailOutbox.findMany();
    expect(mails.length).toBeGreaterThan(0);
    for (const mail of mails) {
      expect(mail.text).toMatch(/\/d\/[A-Za-z0-9_-]{32}/);
      for (const secret of [SENTINEL, "Secret paragraph", FILE_SENTINEL]) expect(`${mail.subject}${mail.text}${mail.html ?? ""}`).not.toContain(secret);
    }

    // Positive control: this reader pays, and the same searches now find the body. Their open
    // payment stream brings it too (a `body` event just before "complete"; the stranger's
    // settlement above sent nothing down it).
    const streamed = readEvents(`${server.url}/api/payments/${paymentId}/events`, cookie, (events) => events.some((event) => event.includes('"complete"')), 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await postJson(`${server.url}/api/dev/wallet/pay`, { invoice: invoiceIn(paywall.text) });
    const events = await streamed;
    const bodyAt = events.findIndex((event) => event.includes(SENTINEL));
    expect(bodyAt, events.join("\n")).toBeGreaterThan(0);
    expect(events[bodyAt + 1]).toBe(JSON.stringify({ status: "complete" }));
    expect(events.slice(0, bodyAt).join("\n")).not.toContain("Secret paragraph");
    const unlocked = await waitFor(async () => {
      const page = await get(`${server.url}/articles/${slug}`, { cookie });
      return page.text.includes(SENTINEL) && page;
    });
    expect(unlocked.text).toContain("Secret paragraph");
    const rsc = await get(`${server.url}/articles/${slug}?_rsc=paid`, { cookie, headers: rscHeaders(), follow: true });
    expect(rsc.text).toContain(SENTINEL);
    const download = await get(`${server.url}/files/${fileId}/download`, { cookie, follow: true });
    expect(download.status).toBe(200);
    expect(download.text).toContain(FILE_SENTINEL);
    const api = await get(`${server.url}/api/v1/articles/${slug}`, { cookie });
    expect([api.status, JSON.parse(api.text).access]).toEqual([200, "purchase"]);
    expect(api.text).toContain(SENTINEL);

    // The buyer's feeds, sitemap, preview image and link-preview tags carry no body either: the
    // same bytes as a stranger's, and the page's meta tags are the stranger's.
    for (const [channel, response] of await publicChannels(cookie)) {
      expect(response.text.includes(SENTINEL), `${channel} leaked the paid body to its buyer`).toBe(false);
      expect(response.text.includes("Secret paragraph"), `${channel} leaked the paid body to its buyer`).toBe(false);
    }
    const image = (who?: string) => getBytes(`${server.url}/og/articles/${slug}`, who ? { cookie: who } : {});
    expect((await image(cookie)).bytes.equals((await image()).bytes)).toBe(true);
    const buyerTags = metaTags(unlocked.text);
    expect(buyerTags.get("og:description")).toBe("A public teaser.");
    expect(buyerTags.get("twitter:card")).toBe("summary_large_image");
    for (const [name, content] of buyerTags) expect(content.includes(SENTINEL) || content.includes("Secret paragraph"), `meta ${name}`).toBe(false);
    expect(Object.fromEntries(buyerTags)).toEqual(Object.fromEntries(metaTags(paywall.text)));

    // The page's public parts are cached now (lib/cache/page-cache.ts), warmed by the buyer's
    // requests just above: a new reader right after gets none of the body on any channel.
    const after = cookieHeader((await get(`${server.url}/articles/${slug}`)).cookies);
    const afterPaywall = await get(`${server.url}/articles/${slug}`, { cookie: after });
    for (const [channel, response] of await everythingAnUnpaidReaderCanFetch(after, paymentIdIn(afterPaywall.text))) {
      const text = Array.isArray(response) ? response.join("\n") : response.text;
      expect(text.includes(SENTINEL) || text.includes("Secret paragraph"), `${channel} leaked the paid body after a buyer's request`).toBe(false);
    }

    // Reading it never writes the body to the server's logs.
    expect(server.logs()).not.toContain(SENTINEL);
  });
});
