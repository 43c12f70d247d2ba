import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signBuyerId } from "@/lib/buyers/reader-cookies";
import { db } from "@/lib/db/client";
import { buyerId, createArticle } from "@/test/support/fixtures";
import { cookieHeader, get, post, postJson } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { freePort, healthDetails, startSiteServer, type SiteServer } from "@/test/support/site-server";
import { TEST_TMP } from "@/test/support/test-database";

// LND is configured but nothing listens on its port: the node is down.
let server: SiteServer;
let lndPort: number;

function selfSignedCert(): string {
  const cert = path.join(TEST_TMP, `tls-${process.pid}.cert`);
  const made = spawnSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", `${cert}.key`, "-out", cert, "-days", "1", "-subj", "/CN=localhost"], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(made.stderr);
  return cert;
}

beforeAll(async () => {
  lndPort = await freePort();
  server = await startSiteServer({
    env: { DEV_NODE_IN_PRODUCTION: "0", LND_SOCKET: `127.0.0.1:${lndPort}`, LND_CERT: selfSignedCert(), LND_MACAROON: "0201036c6e6402f801030a10" },
  });
  await shareServerDatabase(server);
});
afterAll(async () => server?.stop());

describe("while the Lightning node is down", () => {
  it("says so once at start, naming the setting to fix", () => {
    expect(server.logs()).toContain(`LND_SOCKET: cannot reach LND at 127.0.0.1:${lndPort}`);
  });

  it("still opens free articles and articles the reader already paid for", async () => {
    const free = await createArticle({ priceSats: 0, body: "Free while down." });
    expect((await get(`${server.url}/articles/${free.slug}`)).text).toContain("Free while down.");

    const paid = await createArticle({ priceSats: 100, body: "Bought before the outage." });
    const buyer = buyerId();
    await db().buyer.create({ data: { id: buyer } });
    const bought = await db().payment.create({ data: { buyerId: buyer, articleId: paid.id, purpose: "view", amountSats: 100, status: "complete", settledAt: new Date() } });
    await db().entitlement.create({ data: { paymentId: bought.id, buyerId: buyer, kind: "read", resource: `article:${paid.id}`, articleId: paid.id } });
    const page = await get(`${server.url}/articles/${paid.slug}`, { cookie: `lp_buyer=${signBuyerId(buyer)}` });
    expect(page.status).toBe(200);
    expect(page.text).toContain("Bought before the outage.");
  });

  it("shows 'payments unavailable' instead of an invoice, and health and APIs answer 503", async () => {
    const paid = await createArticle({ priceSats: 100, body: "Not yet." });
    const first = await get(`${server.url}/articles/${paid.slug}`);
    const page = await get(`${server.url}/articles/${paid.slug}`, { cookie: cookieHeader(first.cookies) });
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-state="unavailable"');
    expect(page.text).not.toContain("Not yet.");

    const health = await get(`${server.url}/api/health`, { headers: healthDetails });
    expect(health.status).toBe(503);
    expect(JSON.parse(health.text)).toMatchObject({ status: "degraded", database: { ok: true }, lightning: { ok: false } });
    expect(JSON.parse(health.text).lightning.error).toContain("LND_SOCKET");

    const buyer = buyerId();
    await db().buyer.create({ data: { id: buyer } });
    const pending = await db().payment.create({
      data: { buyerId: buyer, articleId: paid.id, purpose: "view", amountSats: 100, status: "pending_payment", paymentHash: "ab".repeat(32), paymentRequest: "lnbcrt1x", invoiceExpiresAt: new Date(Date.now() + 60_000) },
    });
    const check = await post(`${server.url}/api/payments/${pending.id}/check`, undefined, { cookie: `lp_buyer=${signBuyerId(buyer)}` });
    expect(check.status).toBe(503);
    expect(JSON.parse(check.text).error.code).toBe("lightning_unavailable");
  });

  it("answers a Lightning Address tip with an LNURL error 503, and the address itself still resolves", async () => {
    const author = await createArticle({ priceSats: 0 });
    await db().profile.update({ where: { userId: author.authorId }, data: { lightningName: "down-author" } });
    expect((await get(`${server.url}/.well-known/lnurlp/down-author`)).status).toBe(200);
    const tip = await get(`${server.url}/api/lnurlp/down-author/callback?amount=5000`);
    expect(tip.status).toBe(503);
    expect(JSON.parse(tip.text)).toEqual({ status: "ERROR", reason: expect.stringMatching(/unavailable/) });
  });

  it("has no development wallet when LND is the backend", async () => {
    const response = await postJson(`${server.url}/api/dev/wallet/pay`, { invoice: "lnbcrt10u1p4sx6p8pp58q6f42rt84h5va6cyjxrk4mr2" });
    expect(response.status).toBe(404);
  });
});
