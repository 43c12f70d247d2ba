import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { bobWallet } from "@/test/support/bob-wallet";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { cookieHeader, get } from "@/test/support/http";
import { newReaderInvoice } from "@/test/support/reader";
import { aliceSettings, regtest } from "@/test/support/regtest-network";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

let server: SiteServer | undefined;

beforeAll(async () => {
  await regtest("stop-node", "alice");
});
afterAll(async () => {
  await server?.stop();
  await regtest("start-node", "alice").catch(() => undefined);
});

describe("alice down when the site starts", () => {
  it("serves free content meanwhile, retries with backoff, and takes payments once alice is up", async () => {
    server = await startSiteServer({ env: aliceSettings() });
    await shareServerDatabase(server);
    const free = await createArticle({ priceSats: 0, body: "Free while alice sleeps." });
    const paid = await createArticle({ priceSats: 99, body: "After alice woke." });

    await waitFor(async () => server!.logs().includes("LND_SOCKET: cannot reach LND"), { timeoutMs: 20_000 });
    expect((await get(`${server.url}/articles/${free.slug}`)).text).toContain("Free while alice sleeps.");
    const cookie = cookieHeader((await get(`${server.url}/articles/${paid.slug}`)).cookies);
    expect((await get(`${server.url}/articles/${paid.slug}`, { cookie })).text).toContain('data-state="unavailable"');
    expect((await get(`${server.url}/api/health`)).status).toBe(503);

    await regtest("start-node", "alice");
    await waitFor(async () => (await get(`${server!.url}/api/health`)).status === 200, { timeoutMs: 60_000, intervalMs: 500 });
    await waitFor(async () => /lightning node \{"backend":"lnd"/.test(server!.logs()), { timeoutMs: 60_000, intervalMs: 500 });

    const reader = await newReaderInvoice(server.url, paid.slug);
    await bobWallet().pay(reader.invoice);
    await waitFor(async () => (await db().payment.findFirst({ where: { paymentRequest: reader.invoice } }))?.status === "complete", { timeoutMs: 40_000, intervalMs: 200 });
    expect((await get(`${server.url}/articles/${paid.slug}`, { cookie: reader.cookie })).text).toContain("After alice woke.");
  });
});
