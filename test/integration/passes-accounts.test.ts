import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { userAccount } from "@/lib/ledger/accounts";
import { send, signInActors } from "@/test/support/authors";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { waitFor } from "@/test/support/fixtures";
import { invoiceIn, paymentIdIn } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { Browser, newPrivateKey, publicKeyOf, signInWithWallet } from "@/test/support/wallet";

// Passes finished, through the production server on the dev node: a signed-in reader renewing
// from another browser extends the account's pass from its end; the library and a pass's receipt
// (mailed through a real SMTP server) show it with its end; an author's pass also opens the
// articles the author co-wrote.

const DAY_MS = 86_400_000;
let server: SiteServer;
let smtp: SmtpSink;
let people: Awaited<ReturnType<typeof signInActors>>;
let offerId = "";
type Paid = { id: string; slug: string; secret: string };
let own: Paid; // by author A alone
let coWritten: Paid; // lead author B, co-author A
let othersOnly: Paid; // by author B alone

async function article(leadId: string, coAuthorId?: string): Promise<Paid> {
  const secret = `secret-${randomBytes(6).toString("hex")}`;
  const slug = `pass-acct-${randomBytes(4).toString("hex")}`;
  const row = await db().article.create({
    data: { slug, title: `Pass ${slug}`, teaser: "Public teaser.", body: `Paid part ${secret}.`, priceSats: 40, status: "visible", publishedAt: new Date(), authorId: leadId },
  });
  if (coAuthorId) {
    await db().articleAuthor.createMany({
      data: [
        { articleId: row.id, userId: leadId, sharePercent: 60, position: 0 },
        { articleId: row.id, userId: coAuthorId, sharePercent: 40, position: 1 },
      ],
    });
  }
  return { id: row.id, slug, secret };
}

/** Buys the pass on /passes/<id> in this browser (optionally asking for the receipt first); returns the completed payment. */
async function buyPass(browser: Browser, email?: string) {
  await browser.get(`${server.url}/passes/${offerId}`);
  const page = await browser.get(`${server.url}/passes/${offerId}`);
  expect(page.status).toBe(200);
  const invoice = invoiceIn(page.text);
  if (email) expect((await browser.send(`${server.url}/api/payments/${paymentIdIn(page.text)}/receipt-email`, "POST", { email })).status).toBe(202);
  expect((await browser.send(`${server.url}/api/dev/wallet/pay`, "POST", { invoice })).status).toBe(200);
  return waitFor(() => db().payment.findFirst({ where: { paymentRequest: invoice, status: "complete" }, include: { entitlements: true } }), { timeoutMs: 10_000 });
}
const read = async (browser: Browser, paid: Paid) => (await browser.get(`${server.url}/articles/${paid.slug}`)).text;
const library = async (browser: Browser) => (await browser.get(`${server.url}/library`)).text.replace(/<!-- -->/g, "");
const shown = (until: Date) => `${until.toISOString().slice(0, 16).replace("T", " ")} UTC`;

beforeAll(async () => {
  smtp = await startSmtpSink();
  server = await startSiteServer({ env: { SMTP_URL: smtp.url } });
  await shareServerDatabase(server);
  people = await signInActors(server.url);
  const set = await send(server.url, people.authorA, "PUT", "/api/account/pass-offer", { offer: { priceSats: 100, days: 10 } });
  expect(set.status).toBe(200);
  offerId = (JSON.parse(set.text) as { offer: { id: string } }).offer.id;
  own = await article(people.authorA.userId!);
  coWritten = await article(people.authorB.userId!, people.authorA.userId!);
  othersOnly = await article(people.authorB.userId!);
});
afterAll(async () => {
  await server?.stop();
  await smtp?.stop();
});

describe("a pass held by an account", () => {
  const key = newPrivateKey();
  let first: Awaited<ReturnType<typeof buyPass>>;
  let renewal: Awaited<ReturnType<typeof buyPass>>;
  let laptop: Browser;
  let phone: Browser;

  it("renewed from another browser of the same account, extends from the end of the pass the account holds", async () => {
    laptop = (await signInWithWallet(server.url, { privateKey: key })).browser;
    first = await buyPass(laptop, "pass-buyer@example.test");
    const firstEnd = first.entitlements[0]!.validUntil!;
    expect(firstEnd.getTime()).toBe(first.settledAt!.getTime() + 10 * DAY_MS);

    phone = (await signInWithWallet(server.url, { privateKey: key })).browser;
    const page = await phone.get(`${server.url}/passes/${offerId}`);
    expect(page.text.replace(/<!-- -->/g, "")).toContain(`Your pass runs until ${firstEnd.toISOString().slice(0, 10)}.`);
    renewal = await buyPass(phone);
    expect(renewal.buyerId).not.toBe(first.buyerId);
    expect(renewal.entitlements[0]!.validUntil!.getTime()).toBe(firstEnd.getTime() + 10 * DAY_MS);
    // Each purchase is the author's sale (no site fee set here).
    const credited = await db().ledgerEntry.findMany({ where: { paymentId: { in: [first.id, renewal.id] }, account: userAccount(people.authorA.userId!) } });
    expect(credited.map((entry) => entry.amountMsats)).toEqual([100_000n, 100_000n]);
    await expectBooksMatchNode(devNode);
  });

  it("is listed in the library of every browser of the account, running until its latest end", async () => {
    const end = renewal.entitlements[0]!.validUntil!;
    for (const browser of [laptop, phone]) {
      const html = await library(browser);
      expect(html).toContain('data-testid="library-passes"');
      expect(html).toContain(`Pass to every paid article by`);
      expect(html).toContain(`running until ${shown(end)}`);
    }
  });

  it("mails the pass's receipt (asked for at purchase) with its end; its link shows the pass in a fresh browser's library", async () => {
    const mail = await waitFor(async () => smtp.mails.find((m) => m.to.includes("pass-buyer@example.test")), { timeoutMs: 10_000 });
    expect(mail.headers.subject).toMatch(/^Your receipt: 10-day pass to every paid article by /);
    expect(mail.text).toContain(`Your pass runs until ${first.entitlements[0]!.validUntil!.toISOString().slice(0, 16).replace("T", " ")} UTC.`);
    for (const paid of [own, coWritten, othersOnly]) expect(mail.raw).not.toContain(paid.secret);
    const link = /http:\/\/127\.0\.0\.1:\d+\/receipts\/[A-Za-z0-9_-]{32}/.exec(mail.text)![0];
    const fresh = new Browser();
    await fresh.get(`${server.url}/`);
    const redeemed = await fresh.get(link);
    expect(redeemed.status).toBe(303);
    expect(redeemed.headers.get("location")).toBe("/library");
    expect(await library(fresh)).toContain(`running until ${shown(first.entitlements[0]!.validUntil!)}`);
    expect(await read(fresh, own)).toContain(own.secret);
  });

  it("opens the articles its author co-wrote as well as their own, and nothing else", async () => {
    // A co-written article's paywall offers the co-author's pass too.
    const stranger = new Browser();
    await stranger.get(`${server.url}/articles/${coWritten.slug}`);
    expect(await read(stranger, coWritten)).toContain(`href="/passes/${offerId}"`);
    for (const paid of [own, coWritten]) {
      const html = await read(laptop, paid);
      expect(html).toContain(paid.secret);
      expect(html).toContain("Included in your pass (until");
    }
    const other = await read(laptop, othersOnly);
    expect(other).not.toContain(othersOnly.secret);
    expect(other).toContain('data-testid="paywall"');
  });

  it("is listed as ended once its end has passed, and opens nothing then", async () => {
    const userId = (await db().loginKey.findUniqueOrThrow({ where: { pubkey: publicKeyOf(key) } })).userId;
    const buyers = (await db().buyer.findMany({ where: { userId }, select: { id: true } })).map((b) => b.id);
    const ended = new Date(Date.now() - 60_000);
    await db().entitlement.updateMany({ where: { kind: "pass", buyerId: { in: buyers } }, data: { validUntil: ended } });
    const html = await library(phone);
    expect(html).toContain(`ended ${shown(ended)}`);
    expect(html).toMatch(/data-state="ended"/);
    expect(await read(phone, coWritten)).not.toContain(coWritten.secret);
  });
});
