import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ledgerImbalance } from "@/lib/ledger/ledger-queries";
import { receiveWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet-receive";
import { errorOf, send, signInActors, type Actor } from "@/test/support/authors";
import { devNode as devNodeBooks, expectBooksMatchNode } from "@/test/support/books";
import { newReaderInvoice } from "@/test/support/reader";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { balanceOf, callBack, foreignInvoice, payWithDevWalletEndpoint, readWithdrawRequest, sellArticle, waitForWithdrawal } from "@/test/support/withdrawal-helpers";

// Withdrawals on the development node through the production server: an author earns by real
// sales (readers paying with the dev wallet), then withdraws to dev wallet invoices by pasting
// one and by LNURL-withdraw. The dev node charges a 1 sat routing fee, so fee accounting shows.
// books.ts's devNode answers only what the check reads.
const devNode = devNodeBooks as unknown as Parameters<typeof expectBooksMatchNode>[0];
let server: SiteServer;
let author: Actor;
let other: Actor;
const FEE = 1000n; // the dev node's routing fee (lib/lightning/dev-node/dev-node-payments.ts)
const PRICE_SATS = 3000;

const withdraw = (invoice: string, who: Actor = author) => send(server.url, who, "POST", "/api/account/withdrawals", { invoice });
const devInvoice = async (sats: number, options: { expirySeconds?: number } = {}) =>
  (await receiveWithDevWallet({ amountMsats: BigInt(sats) * 1000n, ...options })).paymentRequest;

beforeAll(async () => {
  server = await startSiteServer({ env: { WITHDRAW_MAX_SATS: "5000", WITHDRAW_LINK_SECONDS: "300" } });
  await shareServerDatabase(server);
  const actors = await signInActors(server.url);
  author = actors.authorA;
  other = actors.authorB;
  await sellArticle(server.url, author.userId!, PRICE_SATS, 3, (invoice) => payWithDevWalletEndpoint(server.url, invoice));
});
afterAll(async () => server?.stop());

describe("withdrawals on the development node", () => {
  it("pays a pasted invoice: balance down by amount + routing fee, unused reserve back, books balanced", async () => {
    const before = await balanceOf(author);
    expect(before).toBe(3n * BigInt(PRICE_SATS) * 1000n);
    const invoice = await devInvoice(1200);
    const response = await withdraw(invoice);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ status: "paid", method: "invoice", amountMsats: "1200000", feeMsats: FEE.toString() });
    expect(await balanceOf(author)).toBe(before - 1_200_000n - FEE);
    const paid = await db().devWalletInvoice.findFirstOrThrow({ where: { request: invoice } });
    expect(paid.paidAt).not.toBeNull();
    expect(paid.paidMsats).toBe(1_200_000n);
    await expectBooksMatchNode(devNode);
    // The same invoice again: refused, nothing paid twice.
    const again = await withdraw(invoice);
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe("already_withdrawn");
    expect(await db().withdrawal.count({ where: { paymentHash: paid.paymentHash } })).toBe(1);
  });

  it("pays through LNURL-withdraw: the wallet reads the request, sends its invoice, gets paid; the code works once", async () => {
    const before = await balanceOf(author);
    const made = await send(server.url, author, "POST", "/api/account/withdraw-links", {});
    expect(made.status).toBe(201);
    const { lnurl } = JSON.parse(made.text) as { lnurl: string };
    expect(lnurl).toMatch(/^LNURL1[02-9AC-HJ-NP-Z]+$/);
    const { status, body: request } = await readWithdrawRequest(lnurl);
    expect(status).toBe(200);
    expect(request).toMatchObject({ tag: "withdrawRequest", minWithdrawable: 1000, defaultDescription: expect.stringContaining("withdrawal") });
    // 5000 sats max (WITHDRAW_MAX_SATS) even though the balance is larger.
    expect(request.maxWithdrawable).toBe(5_000_000);
    expect(request.callback).toBe(`${server.url}/api/lnurl/withdraw/${request.k1}/callback`);
    const invoice = await devInvoice(700);
    expect((await callBack(request, invoice)).body).toEqual({ status: "OK" });
    const row = await waitForWithdrawal({ paymentRequest: invoice }, "paid");
    expect(row.method).toBe("lnurl");
    expect(await balanceOf(author)).toBe(before - 700_000n - FEE);
    // Used: the same code refuses a second invoice, and its request is gone too.
    const second = await callBack(request, await devInvoice(100));
    expect(second.status).toBe(410);
    expect(second.body).toMatchObject({ status: "ERROR", reason: expect.stringMatching(/already used/) });
    expect((await readWithdrawRequest(lnurl)).status).toBe(410);
    expect(await ledgerImbalance()).toBe(0n);
  });

  it("credits everything back when the node definitely cannot pay (an invoice the dev node cannot reach)", async () => {
    const before = await balanceOf(author);
    const response = await withdraw(foreignInvoice({ network: "bcrt", amountMsats: 900_000n }));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ status: "failed", failureReason: expect.stringMatching(/dev wallet/) });
    expect(await balanceOf(author)).toBe(before);
    expect(await ledgerImbalance()).toBe(0n);
  });

  it("refuses bad withdrawals with a clear 4xx and leaves the balance alone", async () => {
    const before = await balanceOf(author);
    const expiring = await devInvoice(100, { expirySeconds: 1 });
    const ownReader = await newReaderInvoice(server.url, (await db().article.findFirstOrThrow({ where: { authorId: author.userId! } })).slug);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const cases: Array<[string, string, number, string]> = [
      ["more than the balance", await devInvoice(4999), 400, "insufficient_balance"],
      ["below the minimum (1 sat)", (await receiveWithDevWallet({ amountMsats: 500n })).paymentRequest, 400, "below_minimum"],
      ["above the maximum", await devInvoice(5001), 400, "above_maximum"],
      ["an expired invoice", expiring, 400, "invoice_expired"],
      ["another network's invoice", foreignInvoice({ network: "bc", amountMsats: 100_000n }), 400, "foreign_network"],
      ["a zero-amount invoice", (await receiveWithDevWallet({ amountMsats: null })).paymentRequest, 400, "zero_amount"],
      ["the site's own invoice", ownReader.invoice, 400, "own_invoice"],
      ["not an invoice", "lnbcrt1nonsense", 400, "invalid_invoice"],
    ];
    // "more than the balance" needs a poorer user: the other author has earned nothing.
    for (const [what, invoice, status, code] of cases) {
      const response = await withdraw(invoice, what === "more than the balance" ? other : author);
      expect({ what, status: response.status, code: errorOf(response).code }).toEqual({ what, status, code });
    }
    expect(await balanceOf(author)).toBe(before);
    expect((await send(server.url, { name: "anonymous", cookie: "", userId: null }, "POST", "/api/account/withdrawals", { invoice: await devInvoice(10) })).status).toBe(401);
  });

  it("refuses used, expired, unknown and mismatched withdraw codes", async () => {
    const made = JSON.parse((await send(server.url, author, "POST", "/api/account/withdraw-links", {})).text) as { lnurl: string };
    const { body: request } = await readWithdrawRequest(made.lnurl);
    // An unknown code, and a callback whose k1 is not the link's.
    const unknownK1 = randomBytes(32).toString("hex");
    const unknown = await fetch(`${server.url}/api/lnurl/withdraw/${unknownK1}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: "ERROR" });
    expect((await callBack(request, await devInvoice(10), unknownK1)).status).toBe(400);
    expect((await fetch(`${server.url}/api/lnurl/withdraw/not-a-k1`)).status).toBe(404);
    // A code for more than it allows.
    const tooMuch = await callBack(request, await devInvoice(5001));
    expect(tooMuch.status).toBe(400);
    // Making a new code retires the earlier one; an expired code is refused.
    await send(server.url, author, "POST", "/api/account/withdraw-links", {});
    const retired = await callBack(request, await devInvoice(10));
    expect(retired.status).toBe(410);
    expect(retired.body.reason).toMatch(/expired/);
    // Someone without a balance gets no code at all.
    const poor = await send(server.url, other, "POST", "/api/account/withdraw-links", {});
    expect(poor.status).toBe(400);
  });

  it("after a crash, a withdrawal the node never saw is sent when the site starts again; an expired one is credited back", async () => {
    const before = await balanceOf(author);
    const { requestWithdrawal } = await import("@/lib/withdrawals/request-withdrawal");
    const { claimForSending } = await import("@/lib/withdrawals/withdrawal-queries");
    await server.stop();
    // Debited and marked in flight, then "the process died" before the node was asked.
    const invoice = await devInvoice(300);
    const id = await requestWithdrawal({ userId: author.userId!, method: "invoice", paymentRequest: invoice });
    expect(await claimForSending(id)).toBe(true);
    const lapsing = await devInvoice(200, { expirySeconds: 12 });
    const lapsed = await requestWithdrawal({ userId: author.userId!, method: "invoice", paymentRequest: lapsing });
    expect(await balanceOf(author)).toBeLessThan(before - 500_000n);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await server.restart();
    await waitForWithdrawal({ id }, "paid");
    await waitForWithdrawal({ id: lapsed }, "failed");
    expect(await balanceOf(author)).toBe(before - 300_000n - FEE);
    expect(await db().devWalletInvoice.findFirst({ where: { request: lapsing, paidAt: { not: null } } })).toBeNull();
    await expectBooksMatchNode(devNode);
  });
});
