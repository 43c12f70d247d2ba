import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ledgerImbalance } from "@/lib/ledger/ledger-queries";
import { errorOf, send, signInActors, type Actor } from "@/test/support/authors";
import { bobWallet } from "@/test/support/bob-wallet";
import { aliceNode, expectBooksMatchNode } from "@/test/support/books";
import { waitFor } from "@/test/support/fixtures";
import { aliceSettings } from "@/test/support/regtest-network";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { balanceOf, callBack, readWithdrawRequest, sellArticle, waitForWithdrawal } from "@/test/support/withdrawal-helpers";

// Withdrawals on LND regtest: an author earns from real sales bob pays to alice (the site's node),
// then withdraws to bob by pasted invoice and by LNURL-withdraw (the test plays bob's wallet).
// Then the crash case: bob holds the payment (a HOLD invoice) while the site is killed with
// SIGKILL; after the restart on the same database the site asks alice, finds the payment
// settled, and records it paid, once. A canceled hold invoice fails and is credited back.
let server: SiteServer;
let author: Actor;
let bob: ReturnType<typeof bobWallet>;
// Alice starts with no balance in the channel bob opened, and must keep her channel reserve
// (1% of 10,000,000 sats) before she can send: the sales put well over that on her side.
const PRICE_SATS = 60_000;
const SALES = 3;

const withdraw = (invoice: string) => send(server.url, author, "POST", "/api/account/withdrawals", { invoice });

beforeAll(async () => {
  server = await startSiteServer({ env: { ...aliceSettings(), PENDING_RECHECK_SECONDS: "2" } });
  await shareServerDatabase(server);
  bob = bobWallet();
  author = (await signInActors(server.url)).authorA;
  await sellArticle(server.url, author.userId!, PRICE_SATS, SALES, (invoice) => bob.pay(invoice));
});
afterAll(async () => server?.stop());

describe("withdrawals paid by alice to bob", () => {
  it("pays a pasted invoice: bob receives it, the author's balance drops by amount + the actual routing fee", async () => {
    const before = await balanceOf(author);
    expect(before).toBe(BigInt(SALES * PRICE_SATS) * 1000n);
    const invoice = await bob.invoice(2000);
    const response = await withdraw(invoice.paymentRequest);
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text) as { status: string; feeMsats: string };
    expect(body.status).toBe("paid");
    expect(await bob.received(invoice.paymentHash)).toMatchObject({ confirmed: true, receivedMsats: 2_000_000n });
    // The fee recorded is what alice's node reports for the payment.
    const atNode = await aliceNode().getPayment(invoice.paymentHash);
    expect(atNode.status).toBe("succeeded");
    expect(BigInt(body.feeMsats)).toBe(atNode.status === "succeeded" ? atNode.feeMsats : -1n);
    expect(await balanceOf(author)).toBe(before - 2_000_000n - BigInt(body.feeMsats));
    await expectBooksMatchNode(aliceNode());
    // Withdrawing to the same invoice again is refused.
    expect(errorOf(await withdraw(invoice.paymentRequest)).code).toBe("already_withdrawn");
  });

  it("pays through LNURL-withdraw: bob's wallet reads the request, makes the invoice, calls back, receives", async () => {
    const before = await balanceOf(author);
    const { lnurl } = JSON.parse((await send(server.url, author, "POST", "/api/account/withdraw-links", {})).text) as { lnurl: string };
    const { body: request } = await readWithdrawRequest(lnurl);
    expect(request.tag).toBe("withdrawRequest");
    expect(request.maxWithdrawable).toBeGreaterThanOrEqual(1_500_000);
    const invoice = await bob.invoice(1500, request.defaultDescription);
    expect((await callBack(request, invoice.paymentRequest)).body).toEqual({ status: "OK" });
    const row = await waitForWithdrawal({ paymentHash: invoice.paymentHash }, "paid");
    expect(await bob.received(invoice.paymentHash)).toMatchObject({ confirmed: true, receivedMsats: 1_500_000n });
    expect(await balanceOf(author)).toBe(before - 1_500_000n - row.feeMsats!);
    expect((await callBack(request, (await bob.invoice(10)).paymentRequest)).status).toBe(410);
    await expectBooksMatchNode(aliceNode());
  });

  it("a site killed (SIGKILL) while the payment is in flight pays once and reports it paid after the restart", async () => {
    const before = await balanceOf(author);
    const held = await bob.holdInvoice(1000);
    const pending = withdraw(held.paymentRequest).catch(() => null); // dies with the server
    await waitFor(async () => (await bob.received(held.paymentHash)).held, { timeoutMs: 30_000, intervalMs: 200 });
    expect((await db().withdrawal.findUniqueOrThrow({ where: { paymentHash: held.paymentHash } })).status).toBe("in_flight");
    await server.kill();
    await pending;
    await bob.settleHold(held.secret);
    expect((await db().withdrawal.findUniqueOrThrow({ where: { paymentHash: held.paymentHash } })).status).toBe("in_flight");
    await server.restart();
    const row = await waitForWithdrawal({ paymentHash: held.paymentHash }, "paid", 30_000);
    expect(await bob.received(held.paymentHash)).toMatchObject({ confirmed: true, receivedMsats: 1_000_000n, htlcs: 1 });
    expect(await balanceOf(author)).toBe(before - 1_000_000n - row.feeMsats!);
    expect(await ledgerImbalance()).toBe(0n);
    await expectBooksMatchNode(aliceNode());
  });

  it("a held payment that bob cancels fails, and the author gets everything back", async () => {
    const before = await balanceOf(author);
    const held = await bob.holdInvoice(800);
    const pending = withdraw(held.paymentRequest);
    await waitFor(async () => (await bob.received(held.paymentHash)).held, { timeoutMs: 30_000, intervalMs: 200 });
    expect(await balanceOf(author)).toBeLessThan(before - 800_000n);
    await bob.cancelHold(held.paymentHash);
    const response = await pending;
    expect(JSON.parse(response.text)).toMatchObject({ status: "failed" });
    const row = await waitForWithdrawal({ paymentHash: held.paymentHash }, "failed");
    expect(row.failureReason).toBeTruthy();
    expect(await balanceOf(author)).toBe(before);
    // Bob's node keeps the canceled invoice (with the amount it had held): never settled.
    expect(await bob.received(held.paymentHash)).toMatchObject({ confirmed: false, canceled: true });
    await expectBooksMatchNode(aliceNode());
  });
});
