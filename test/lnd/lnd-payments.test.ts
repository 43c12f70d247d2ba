import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bobWallet } from "@/test/support/bob-wallet";
import { aliceNode, expectBooksMatchNode } from "@/test/support/books";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { get } from "@/test/support/http";
import { newReaderInvoice } from "@/test/support/reader";
import { aliceSettings, bobFiles, regtest } from "@/test/support/regtest-network";
import { shareServerDatabase } from "@/test/support/site-data";
import { healthDetails, startSiteServer, type SiteServer } from "@/test/support/site-server";

// The site against a real LND (alice), paid by a real LND (bob) through a real channel.
let server: SiteServer;
let bob: ReturnType<typeof bobWallet>;

const statusOf = async (invoice: string) => (await db().payment.findFirst({ where: { paymentRequest: invoice } }))?.status;
const completes = (invoice: string, timeoutMs = 20_000) => waitFor(async () => (await statusOf(invoice)) === "complete", { timeoutMs, intervalMs: 100 });

beforeAll(async () => {
  server = await startSiteServer({ env: aliceSettings() });
  await shareServerDatabase(server);
  bob = bobWallet();
});
afterAll(async () => server?.stop());

describe("the site on alice, readers paying from bob", () => {
  it("reports alice at start: alias, pubkey, network, version", async () => {
    await waitFor(async () => server.logs().includes("lightning node"));
    expect(server.logs()).toMatch(/lightning node \{"backend":"lnd".*"network":"regtest","version":"0\.20\./);
    const health = JSON.parse((await get(`${server.url}/api/health`, { headers: healthDetails })).text);
    expect(health.lightning).toMatchObject({ ok: true, backend: "lnd", network: "regtest", syncedToChain: true });
  });

  it("creates an invoice on alice, bob pays it, the payment completes and the page unlocks", async () => {
    const { slug } = await createArticle({ priceSats: 1000, body: "Paid through a real channel." });
    const reader = await newReaderInvoice(server.url, slug);
    expect(reader.invoice).toMatch(/^lnbcrt10u1/);
    expect(reader.html).not.toContain("Paid through a real channel.");
    await bob.pay(reader.invoice);
    await completes(reader.invoice);
    const payment = await db().payment.findFirstOrThrow({ where: { paymentRequest: reader.invoice } });
    expect(payment.settleIndex).toBeGreaterThan(0);
    expect((await get(`${server.url}/articles/${slug}`, { cookie: reader.cookie })).text).toContain("Paid through a real channel.");
  });

  it("lets two readers buy the same article, each credited", async () => {
    const article = await createArticle({ priceSats: 210 });
    const first = await newReaderInvoice(server.url, article.slug);
    const second = await newReaderInvoice(server.url, article.slug);
    expect(first.invoice).not.toBe(second.invoice);
    await bob.pay(first.invoice);
    await bob.pay(second.invoice);
    await completes(first.invoice);
    await completes(second.invoice);
    expect(await db().payment.count({ where: { articleId: article.id, status: "complete" } })).toBe(2);
  });

  it("credits 50 purchases paid concurrently, each exactly once", async () => {
    const article = await createArticle({ priceSats: 50 });
    const readers = [];
    for (let i = 0; i < 50; i++) readers.push(await newReaderInvoice(server.url, article.slug));
    await Promise.all(readers.map((reader) => bob.pay(reader.invoice)));
    await waitFor(async () => (await db().payment.count({ where: { articleId: article.id, status: "complete" } })) === 50, { timeoutMs: 30_000, intervalMs: 200 });
    const payments = await db().payment.findMany({ where: { articleId: article.id } });
    expect(payments).toHaveLength(50);
    const indexes = payments.map((payment) => payment.settleIndex);
    expect(indexes.every((index) => typeof index === "bigint" && index > 0n)).toBe(true);
    expect(new Set(indexes).size).toBe(50);
    expect(new Set(payments.map((payment) => payment.receiptToken)).size).toBe(50);
  });

  it("credits a payment made while the site was stopped, when it starts again", async () => {
    const { slug } = await createArticle({ priceSats: 300, body: "Paid while we were down." });
    const reader = await newReaderInvoice(server.url, slug);
    await server.stop();
    await bob.pay(reader.invoice);
    expect(await statusOf(reader.invoice)).toBe("pending_payment");
    await server.restart();
    await completes(reader.invoice);
    expect((await get(`${server.url}/articles/${slug}`, { cookie: reader.cookie })).text).toContain("Paid while we were down.");
  });

  it("keeps following settlements across an LND restart", async () => {
    const { slug } = await createArticle({ priceSats: 120 });
    await regtest("restart-node", "alice");
    // The site notices alice is back by itself; a new reader gets a fresh invoice from her.
    const reader = await waitFor(() => newReaderInvoice(server.url, slug).catch(() => null), { timeoutMs: 30_000, intervalMs: 500 });
    await bob.pay(reader.invoice);
    // Well inside PENDING_RECHECK_SECONDS (30 s): the settlement stream, resubscribed, delivers it.
    await completes(reader.invoice, 15_000);
  });

  it("marks an invoice that expired unpaid and renews it on the next visit", async () => {
    const shortLived = await startSiteServer({ env: { ...aliceSettings(), INVOICE_EXPIRY_SECONDS: "5" }, databaseUrl: server.databaseUrl });
    try {
      const { slug } = await createArticle({ priceSats: 40 });
      const reader = await newReaderInvoice(shortLived.url, slug);
      await new Promise((resolve) => setTimeout(resolve, 6000));
      const again = await get(`${shortLived.url}/articles/${slug}`, { cookie: reader.cookie });
      const renewed = /lnbcrt[0-9a-z]+/.exec(again.text)![0];
      expect(renewed).not.toBe(reader.invoice);
      await expect(bob.pay(reader.invoice)).rejects.toBeTruthy(); // alice refuses the expired one
      await bob.pay(renewed);
      await completes(renewed);
    } finally {
      await shortLived.stop();
    }
  });

  it("keeps the books: every sale above is in the ledger, balanced, and equal to what alice received", async () => {
    expect(await db().payment.count({ where: { status: "complete" } })).toBeGreaterThanOrEqual(53);
    await expectBooksMatchNode(aliceNode());
  });
});

describe("configuration mistakes give one clear line naming the setting", () => {
  async function startupLogs(env: Record<string, string>) {
    const site = await startSiteServer({ env: { ...aliceSettings(), ...env } });
    try {
      await waitFor(async () => /lightning node unreachable|lightning node \{/.test(site.logs()), { timeoutMs: 20_000 });
      return site.logs();
    } finally {
      await site.stop();
    }
  }

  it("a macaroon from another node", async () => {
    expect(await startupLogs({ LND_MACAROON: bobFiles().macaroon })).toContain("LND_MACAROON:");
  });

  it("a TLS cert from another node", async () => {
    expect(await startupLogs({ LND_CERT: bobFiles().cert })).toContain("LND_CERT:");
  });

  it("a node on another network than LND_NETWORK stops the server", async () => {
    const site = await startSiteServer({ env: { ...aliceSettings(), LND_NETWORK: "mainnet" } }).catch((error: Error) => error);
    const output = site instanceof Error ? site.message : (await waitFor(async () => site.exitCode() !== null, { timeoutMs: 20_000 }), site.logs());
    expect(output).toContain("LND_NETWORK: expected a mainnet node");
    expect(output).toContain("is on regtest");
  });
});
