import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSampleContent } from "@/lib/articles/seed";
import { db } from "@/lib/db/client";
import { earningsByKind } from "@/lib/ledger/ledger-queries";
import { errorOf, send, signInActors, type Actor } from "@/test/support/authors";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { waitFor } from "@/test/support/fixtures";
import { get, postJson } from "@/test/support/http";
import { callbackFor, invoiceCommitment, sha256Hex, TestLightningAddress } from "@/test/support/lightning-address-wallet";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { decodeLnurl } from "@/test/support/wallet";

// Lightning Address tips on the production build and the dev node: the test plays the wallet
// (LUD-16 address -> LUD-06 payRequest -> callback -> invoice), checks what a wallet checks, pays
// with the dev wallet and reads the ledger. The site takes a 5% fee here so the split shows.
const FEE_PERCENT = 5;
let server: SiteServer;
let people: Awaited<ReturnType<typeof signInActors>>;
let satoshiId: string;
let host: string;

beforeAll(async () => {
  server = await startSiteServer({ env: { SITE_FEE_PERCENT: String(FEE_PERCENT), TIP_COMMENT_MAX: "40" } });
  await shareServerDatabase(server);
  await seedSampleContent();
  people = await signInActors(server.url);
  satoshiId = (await db().profile.findUniqueOrThrow({ where: { lightningName: "satoshi" } })).userId;
  host = new URL(server.url).host;
});
afterAll(async () => server?.stop());

const lnurlGet = async (url: string) => {
  const response = await get(url);
  return { status: response.status, body: JSON.parse(response.text) as Record<string, unknown>, headers: response.headers };
};
const setName = (who: Actor, lightningName: unknown) => send(server.url, who, "PUT", "/api/account/lightning-name", { lightningName });
const paymentOf = (paymentRequest: string) => db().payment.findFirstOrThrow({ where: { paymentRequest } });
const payWithDevWallet = async (invoice: string) => expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice })).status).toBe(200);
const completed = (paymentRequest: string) => waitFor(async () => (await paymentOf(paymentRequest)).status === "complete", { timeoutMs: 10_000, intervalMs: 50 });
const credit = async (userId: string) => (await earningsByKind(userId)).tip ?? 0n;

describe("a Lightning Address tip, paid by a wallet", () => {
  it("resolves satoshi@host to a LUD-06 payRequest with LUD-16 metadata, comments and the amount range", async () => {
    const raw = await lnurlGet(`${server.url}/.well-known/lnurlp/satoshi`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get("access-control-allow-origin")).toBe("*");
    expect(raw.body).toEqual({
      tag: "payRequest",
      callback: `${server.url}/api/lnurlp/satoshi/callback`,
      minSendable: 1000,
      maxSendable: 1_000_000_000,
      metadata: JSON.stringify([
        ["text/plain", "Tip Satoshi Sample on Lightning Press"],
        ["text/identifier", `satoshi@${host}`],
      ]),
      commentAllowed: 40,
    });
    const address = new TestLightningAddress("satoshi", server.url);
    await address.fetch();
    expect(address.lnurlpData).toMatchObject({ identifier: `satoshi@${host}`, description: "Tip Satoshi Sample on Lightning Press", min: 1000, max: 1_000_000_000, commentAllowed: 40 });
  });

  it("issues an invoice committing to sha256(metadata); paid, the author's ledger gets the tip less the site fee, exactly", async () => {
    const address = new TestLightningAddress("satoshi", server.url);
    await address.fetch();
    const before = await credit(satoshiId);
    const invoice = await address.requestInvoice({ satoshi: 1234, comment: "Great <b>read</b> & thanks" });
    expect(invoice.successAction).toEqual({ tag: "message", message: expect.stringContaining("Satoshi Sample") });
    const commitment = invoiceCommitment(invoice.paymentRequest);
    expect(commitment.millisatoshis).toBe(1_234_000n);
    expect(commitment.description).toBeUndefined();
    expect(commitment.descriptionHash).toBe(sha256Hex(address.lnurlpData!.rawData.metadata as string));
    expect(commitment.descriptionHash).toBe(address.lnurlpData!.metadataHash);

    const payment = await paymentOf(invoice.paymentRequest);
    expect(payment).toMatchObject({ status: "pending_payment", buyerId: null, articleId: null, payerKind: "wallet", amountSats: 1234 });
    expect(JSON.parse(payment.args!)).toMatchObject({ userId: satoshiId, amountMsats: 1_234_000, comment: "Great <b>read</b> & thanks" });

    await payWithDevWallet(invoice.paymentRequest);
    await completed(invoice.paymentRequest);
    const fee = (1_234_000n * BigInt(FEE_PERCENT)) / 100n;
    expect((await credit(satoshiId)) - before).toBe(1_234_000n - fee);
    const entries = await db().ledgerEntry.findMany({ where: { paymentId: payment.id }, orderBy: { account: "asc" } });
    expect(entries.map(({ journal, account, kind, amountMsats }) => ({ journal, account, kind, amountMsats }))).toEqual([
      { journal: `payment:${payment.id}`, account: "node", kind: "received", amountMsats: -1_234_000n },
      { journal: `payment:${payment.id}`, account: "site", kind: "site_fee", amountMsats: fee },
      { journal: `payment:${payment.id}`, account: `user:${satoshiId}`, kind: "tip", amountMsats: 1_234_000n - fee },
    ]);
    await expectBooksMatchNode(devNode);
  });

  it("makes a new invoice on every callback (a wallet has no cookie), each credited once", async () => {
    const address = new TestLightningAddress("satoshi", server.url);
    await address.fetch();
    const before = await credit(satoshiId);
    const [first, second] = [await address.requestInvoice({ satoshi: 10 }), await address.requestInvoice({ satoshi: 10 })];
    expect(first.paymentHash).not.toBe(second.paymentHash);
    await Promise.all([payWithDevWallet(first.paymentRequest), payWithDevWallet(second.paymentRequest)]);
    await completed(first.paymentRequest);
    await completed(second.paymentRequest);
    expect((await credit(satoshiId)) - before).toBe(2n * (10_000n - (10_000n * BigInt(FEE_PERCENT)) / 100n));
    await expectBooksMatchNode(devNode);
  });
});

describe("an author's Lightning Address", () => {
  it("is chosen on the account page, shown with an LNURL-pay QR on the author page, and tips land on the dashboard as text", async () => {
    const set = await setName(people.authorA, "  Alice.Writes ");
    expect(set.status).toBe(200);
    expect(JSON.parse(set.text)).toEqual({ lightningName: "alice.writes" });
    expect((await get(`${server.url}/account`, { cookie: people.authorA.cookie })).text).toContain('value="alice.writes"');

    const page = await get(`${server.url}/authors/${people.authorA.userId}`);
    expect(page.text).toContain(`alice.writes@${host}`);
    const lnurl = /LNURL1[0-9A-Z]+/.exec(page.text)?.[0];
    expect(lnurl && decodeLnurl(lnurl).toString()).toBe(`${server.url}/.well-known/lnurlp/alice.writes`);
    expect(page.text).toContain('data-testid="tip-lnurl-qr"');

    const address = new TestLightningAddress("alice.writes", server.url);
    await address.fetch();
    const invoice = await address.requestInvoice({ satoshi: 100, comment: '<script>alert("x")</script>' });
    await payWithDevWallet(invoice.paymentRequest);
    await completed(invoice.paymentRequest);
    const dashboard = await get(`${server.url}/dashboard`, { cookie: people.authorA.cookie });
    expect(dashboard.text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(dashboard.text).not.toContain('<script>alert("x")</script>');
    expect(dashboard.text).toContain('data-testid="earned-tip" data-msats="95000"');
  });

  it("refuses a malformed, reserved or taken name with a clear 4xx, and only authors may set one", async () => {
    for (const bad of ["has space", "a".repeat(65), "émile", "a/b", "", "admin", "lnurlp", ".dot"]) {
      const response = await setName(people.authorB, bad);
      expect(response.status, bad).toBe(400);
      expect(errorOf(response).message, bad).toMatch(/./);
    }
    const taken = await setName(people.authorB, "SATOSHI");
    expect(taken.status).toBe(409);
    expect(errorOf(taken)).toMatchObject({ code: "name_taken", message: expect.stringMatching(/taken/) });
    expect((await setName(people.reader, "reader")).status).toBe(403);
    expect((await setName(people.anonymous, "nobody")).status).toBe(401);
    expect(await db().profile.findUniqueOrThrow({ where: { userId: people.authorB.userId! } })).toMatchObject({ lightningName: null });
  });

  it("goes to exactly one of two authors asking for it at once (the unique index decides)", async () => {
    const answers = await Promise.all([setName(people.authorB, "same-time"), setName(people.admin, "same-time")]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await db().profile.count({ where: { lightningName: "same-time" } })).toBe(1);
    const winner = answers[0]!.status === 200 ? people.authorB : people.admin;
    expect((await setName(winner, null)).status).toBe(200);
  });

  it("can be removed: the address then answers 404", async () => {
    expect((await setName(people.authorB, "bee")).status).toBe(200);
    expect((await lnurlGet(`${server.url}/.well-known/lnurlp/bee`)).status).toBe(200);
    expect((await setName(people.authorB, null)).status).toBe(200);
    const gone = await lnurlGet(`${server.url}/.well-known/lnurlp/bee`);
    expect(gone).toMatchObject({ status: 404, body: { status: "ERROR" } });
  });
});

describe("bad input on the LNURL-pay endpoints", () => {
  const callback = () => `${server.url}/api/lnurlp/satoshi/callback`;
  const refusals: Array<{ name: string; url: () => string; status: number; reason: RegExp }> = [
    { name: "unknown address", url: () => `${server.url}/.well-known/lnurlp/nobody-here`, status: 404, reason: /No such Lightning Address/ },
    { name: "malformed address", url: () => `${server.url}/.well-known/lnurlp/${encodeURIComponent("<x>")}`, status: 404, reason: /No such Lightning Address/ },
    { name: "callback of an unknown address", url: () => callbackFor(`${server.url}/api/lnurlp/nobody-here/callback`, "1000"), status: 404, reason: /No such Lightning Address/ },
    { name: "no amount", url: () => callback(), status: 400, reason: /millisatoshis/ },
    { name: "amount not a number", url: () => callbackFor(callback(), "ten"), status: 400, reason: /millisatoshis/ },
    { name: "amount below the minimum", url: () => callbackFor(callback(), "999"), status: 400, reason: /between 1 and 1000000 sats/ },
    { name: "amount above the maximum", url: () => callbackFor(callback(), "1000001000"), status: 400, reason: /between 1 and 1000000 sats/ },
    { name: "fractional sats", url: () => callbackFor(callback(), "1500"), status: 400, reason: /whole number of sats/ },
    { name: "comment too long", url: () => callbackFor(callback(), "1000", "x".repeat(41)), status: 400, reason: /comment too long.*at most 40/ },
  ];

  it.each(refusals)("$name: LNURL error with a 4xx, and no payment", async ({ url, status, reason }) => {
    const payments = await db().payment.count();
    const response = await lnurlGet(url());
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ status: "ERROR", reason: expect.stringMatching(reason) });
    expect(await db().payment.count()).toBe(payments);
  });
});
