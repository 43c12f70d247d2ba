import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { earningsByKind } from "@/lib/ledger/ledger-queries";
import { send, signInActors } from "@/test/support/authors";
import { fetchPayRequest, lnurlGet, requestTipInvoice } from "@/test/support/article-tip-wallet";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { waitFor } from "@/test/support/fixtures";
import { get, postJson } from "@/test/support/http";
import { callbackFor } from "@/test/support/lightning-address-wallet";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { decodeLnurl } from "@/test/support/wallet";

// Tips on an article, on the production build and the dev node: the test plays the wallet (the
// article page's LNURL -> LUD-06 payRequest -> callback -> invoice), pays with the dev wallet and
// reads the ledger: the site's 5% fee, the rest split by the authors' shares to the msat.
const FEE_PERCENT = 5;
let server: SiteServer;
let people: Awaited<ReturnType<typeof signInActors>>;
let article: { id: string; slug: string };
let lead: string;
let coAuthor: string;

beforeAll(async () => {
  server = await startSiteServer({ env: { SITE_FEE_PERCENT: String(FEE_PERCENT), TIP_COMMENT_MAX: "40" } });
  await shareServerDatabase(server);
  people = await signInActors(server.url);
  [lead, coAuthor] = [people.authorA.userId!, people.authorB.userId!];
  await db().profile.update({ where: { userId: lead }, data: { displayName: "Ada Lead" } });
  await db().profile.update({ where: { userId: coAuthor }, data: { displayName: "Bo Second" } });
  article = await publish("Tipped together");
  await setShares(article.id, 60, 40);
});
afterAll(async () => server?.stop());

async function publish(title: string) {
  const created = await send(server.url, people.authorA, "POST", "/api/articles", { title, priceSats: 21, teaser: "Two of us.", body: "The paid part." });
  expect(created.status, created.text).toBe(201);
  const made = JSON.parse(created.text) as { id: string; slug: string };
  expect((await send(server.url, people.authorA, "POST", `/api/articles/${made.id}/publish`, {})).status).toBe(200);
  return made;
}
const setShares = async (articleId: string, leadPercent: number, coPercent: number) =>
  expect((await send(server.url, people.authorA, "PUT", `/api/articles/${articleId}/authors`, { leadPercent, coAuthors: [{ who: coAuthor, percent: coPercent }] })).status).toBe(200);
const payRequestUrl = (articleId: string) => `${server.url}/api/lnurlp/articles/${articleId}`;
const paymentOf = (paymentRequest: string) => db().payment.findFirstOrThrow({ where: { paymentRequest } });
const payWithDevWallet = async (invoice: string) => expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice })).status).toBe(200);
const completed = (paymentRequest: string) => waitFor(async () => (await paymentOf(paymentRequest)).status === "complete", { timeoutMs: 10_000, intervalMs: 50 });
const tipped = async (userId: string) => (await earningsByKind(userId)).tip ?? 0n;
const counters = (id: string) => db().article.findUniqueOrThrow({ where: { id }, select: { viewCount: true, salesCount: true, earnedSats: true, upvoteCount: true, upvoteSats: true } });

describe("a tip on a co-authored article", () => {
  it("shows a 'Tip the authors' panel with the LNURL-pay link and the 60/40 split", async () => {
    const page = await get(`${server.url}/articles/${article.slug}`);
    expect(page.text).toContain("Tip the authors");
    expect(page.text).toContain('data-testid="article-tip-lnurl-qr"');
    expect(page.text).toMatch(/data-testid="article-tip-shares"[^>]*>60% Ada Lead, 40% Bo Second, after the site&#x27;s 5% fee</);
    const lnurl = /lightning:(LNURL1[0-9A-Z]+)/.exec(page.text)?.[1];
    expect(lnurl && decodeLnurl(lnurl).toString()).toBe(payRequestUrl(article.id));
  });

  it("answers a LUD-06 payRequest with text/plain metadata; the invoice commits to its hash; paid, the authors share it 60/40 exactly", async () => {
    const payRequest = await fetchPayRequest(payRequestUrl(article.id));
    expect(payRequest).toEqual({
      tag: "payRequest",
      callback: `${payRequestUrl(article.id)}/callback`,
      minSendable: 1000,
      maxSendable: 1_000_000_000,
      metadata: JSON.stringify([["text/plain", "Tip for Tipped together on Lightning Press"]]),
      commentAllowed: 40,
    });
    const before = { lead: await tipped(lead), coAuthor: await tipped(coAuthor), counters: await counters(article.id) };
    const invoice = await requestTipInvoice(payRequest, 2_000_000, "For both of you");
    expect(invoice.successMessage).toContain("Tipped together");
    const payment = await paymentOf(invoice.paymentRequest);
    expect(payment).toMatchObject({ status: "pending_payment", purpose: "article_tip", buyerId: null, articleId: article.id, payerKind: "wallet", amountSats: 2000 });

    await payWithDevWallet(invoice.paymentRequest);
    await completed(invoice.paymentRequest);
    // 2,000,000 msats: 100,000 to the site, 1,900,000 shared 60/40.
    expect((await tipped(lead)) - before.lead).toBe(1_140_000n);
    expect((await tipped(coAuthor)) - before.coAuthor).toBe(760_000n);
    const entries = await db().ledgerEntry.findMany({ where: { paymentId: payment.id }, orderBy: { amountMsats: "asc" } });
    expect(entries.map(({ account, kind, amountMsats, articleId }) => ({ account, kind, amountMsats, articleId }))).toEqual([
      { account: "node", kind: "received", amountMsats: -2_000_000n, articleId: article.id },
      { account: "site", kind: "site_fee", amountMsats: 100_000n, articleId: article.id },
      { account: `user:${coAuthor}`, kind: "tip", amountMsats: 760_000n, articleId: article.id },
      { account: `user:${lead}`, kind: "tip", amountMsats: 1_140_000n, articleId: article.id },
    ]);
    // A tip is no sale: no counter of the article moves.
    expect(await counters(article.id)).toEqual(before.counters);
    // Both authors see the tip and its comment in the one money section of their dashboard.
    for (const author of [people.authorA, people.authorB]) {
      const dashboard = await get(`${server.url}/dashboard`, { cookie: author.cookie });
      expect(dashboard.text).toContain("For both of you");
      expect(dashboard.text).toContain("for Tipped together");
      expect(dashboard.text.match(/<h2[^>]*>Tips<\/h2>/g)).toBeNull();
    }
    await expectBooksMatchNode(devNode);
  });

  it("gives the lead author the rounding remainder (whole sats at 60/40 never leave one, so 67/33 here)", async () => {
    const other = await publish("Odd shares");
    await setShares(other.id, 67, 33);
    const before = { lead: await tipped(lead), coAuthor: await tipped(coAuthor) };
    const invoice = await requestTipInvoice(await fetchPayRequest(payRequestUrl(other.id)), 1_001_000);
    await payWithDevWallet(invoice.paymentRequest);
    await completed(invoice.paymentRequest);
    // 1,001,000 msats: 50,050 fee; 950,950 left: 67% = 637,136.5 and 33% = 313,813.5, both rounded
    // down, and the 1 msat left over goes to the lead.
    expect((await tipped(lead)) - before.lead).toBe(637_137n);
    expect((await tipped(coAuthor)) - before.coAuthor).toBe(313_813n);
    await expectBooksMatchNode(devNode);
  });
});

describe("refusals", () => {
  it("refuses a removed article (410) and an unpublished or unknown one (404), on both steps, and cancels its open tip invoices", async () => {
    const removed = await publish("Soon removed");
    const open = await requestTipInvoice(await fetchPayRequest(payRequestUrl(removed.id)), 5000);
    expect((await send(server.url, people.admin, "POST", `/api/admin/articles/${removed.id}/remove`, {})).status).toBe(200);
    await waitFor(async () => (await paymentOf(open.paymentRequest)).status === "expired", { timeoutMs: 10_000, intervalMs: 50 });
    expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice: open.paymentRequest })).status).not.toBe(200);

    const unpublished = await publish("Soon unpublished");
    expect((await send(server.url, people.authorA, "POST", `/api/articles/${unpublished.id}/unpublish`, {})).status).toBe(200);
    const payments = await db().payment.count();
    for (const [id, status, reason] of [
      [removed.id, 410, /removed/],
      [unpublished.id, 404, /No such article/],
      ["c".repeat(25), 404, /No such article/],
      [encodeURIComponent("<x>"), 404, /No such article/],
    ] as const) {
      for (const url of [payRequestUrl(id), callbackFor(`${payRequestUrl(id)}/callback`, "1000")]) {
        const answer = await lnurlGet(url);
        expect(answer, url).toEqual({ status, body: { status: "ERROR", reason: expect.stringMatching(reason) } });
      }
    }
    expect((await get(`${server.url}/articles/${unpublished.slug}`)).text).not.toContain("article-tip");
    expect(await db().payment.count()).toBe(payments);
  });

  const callback = () => `${payRequestUrl(article.id)}/callback`;
  const refusals: Array<{ name: string; url: () => string; reason: RegExp }> = [
    { name: "no amount", url: () => callback(), reason: /millisatoshis/ },
    { name: "amount not a number", url: () => callbackFor(callback(), "ten"), reason: /millisatoshis/ },
    { name: "amount below the minimum", url: () => callbackFor(callback(), "999"), reason: /between 1 and 1000000 sats/ },
    { name: "amount above the maximum", url: () => callbackFor(callback(), "1000001000"), reason: /between 1 and 1000000 sats/ },
    { name: "fractional sats", url: () => callbackFor(callback(), "1500"), reason: /whole number of sats/ },
    { name: "comment too long", url: () => callbackFor(callback(), "1000", "x".repeat(41)), reason: /comment too long.*at most 40/ },
  ];
  it.each(refusals)("$name: LNURL error 400, and no payment", async ({ url, reason }) => {
    const payments = await db().payment.count();
    expect(await lnurlGet(url())).toEqual({ status: 400, body: { status: "ERROR", reason: expect.stringMatching(reason) } });
    expect(await db().payment.count()).toBe(payments);
  });
});
