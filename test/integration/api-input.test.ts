import { randomBytes } from "node:crypto";
import bolt11 from "bolt11";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { REGTEST } from "@/lib/lightning/dev-node/invoice-codec";
import { createArticle } from "@/test/support/fixtures";
import { cookieHeader, get, invoiceIn, post, postJson } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

let server: SiteServer;
let slug: string;
const pay = (body: unknown) => postJson(`${server.url}/api/dev/wallet/pay`, body);

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  slug = (await createArticle({ priceSats: 50 })).slug;
});
afterAll(async () => server?.stop());

function expectError(response: { status: number; text: string; headers: Headers }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = JSON.parse(response.text);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toBeTruthy();
  expect(response.text).not.toMatch(/at .*\.(js|ts):\d+/); // no stack trace
}

describe("bad input gets a clear 4xx, never a 500", () => {
  it("refuses non-JSON, malformed JSON, oversized and wrongly shaped bodies", async () => {
    expectError(await post(`${server.url}/api/dev/wallet/pay`, "invoice=lnbc", { headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "unsupported_media_type");
    expectError(await post(`${server.url}/api/dev/wallet/pay`, "{not json", { headers: { "content-type": "application/json" } }), 400, "invalid_json");
    expectError(await post(`${server.url}/api/dev/wallet/pay`, JSON.stringify({ invoice: "x".repeat(100_000) }), { headers: { "content-type": "application/json" } }), 413, "payload_too_large");
    expectError(await pay({}), 400, "invalid_body");
    expectError(await pay({ invoice: 42 }), 400, "invalid_body");
    expectError(await pay({ invoice: "lnbcrt1", extra: true }), 400, "invalid_body");
    expectError(await pay([1, 2]), 400, "invalid_body");
  });

  it("refuses garbage, foreign, unknown and expired invoices in the dev wallet", async () => {
    expectError(await pay({ invoice: "lnbcrt1notaninvoiceatallreally" }), 400, "invalid_invoice");

    // Signed by some other node: a real invoice, just not ours.
    const foreignKey = randomBytes(32).toString("hex");
    const unsigned = bolt11.encode({
      network: REGTEST,
      millisatoshis: "50000",
      timestamp: Math.floor(Date.now() / 1000),
      tags: [
        { tagName: "payment_hash", data: randomBytes(32).toString("hex") },
        { tagName: "payment_secret", data: randomBytes(32).toString("hex") },
        { tagName: "description", data: "foreign" },
      ],
    });
    expectError(await pay({ invoice: bolt11.sign(unsigned, foreignKey).paymentRequest }), 422, "foreign_invoice");

    // Ours, but expired.
    const cookie = cookieHeader((await get(`${server.url}/articles/${slug}`)).cookies);
    const page = await get(`${server.url}/articles/${slug}`, { cookie });
    const invoice = invoiceIn(page.text);
    const past = new Date(Date.now() - 1000);
    await db().devInvoice.updateMany({ where: { request: invoice }, data: { expiresAt: past } });
    expectError(await pay({ invoice }), 410, "invoice_expired");
  });

  it("refuses malformed and unknown payment ids, and other readers' payments", async () => {
    expectError(await get(`${server.url}/api/payments/NOT-AN-ID`), 400, "invalid_id");
    expectError(await get(`${server.url}/api/payments/${"a".repeat(25)}`), 404, "not_found");
    expectError(await post(`${server.url}/api/payments/${"a".repeat(25)}/check`, undefined), 404, "not_found");
    expectError(await get(`${server.url}/api/payments/%00%01/events`), 400, "invalid_id");

    const owner = cookieHeader((await get(`${server.url}/articles/${slug}`)).cookies);
    await get(`${server.url}/articles/${slug}`, { cookie: owner });
    const payment = await db().payment.findFirstOrThrow({ where: { article: { slug }, status: "pending_payment" }, orderBy: { createdAt: "desc" } });
    const stranger = cookieHeader((await get(`${server.url}/articles/${slug}`)).cookies);
    expectError(await get(`${server.url}/api/payments/${payment.id}`, { cookie: stranger }), 404, "not_found");
    expect((await get(`${server.url}/api/payments/${payment.id}`, { cookie: owner })).status).toBe(200);
  });

  it("ignores forged buyer cookies", async () => {
    const forged = "lp_buyer=b_AAAAAAAAAAAAAAAAAAAAAA.forgedsignature";
    const page = await get(`${server.url}/articles/${slug}`, { cookie: forged });
    expect(page.status).toBe(200);
    expect(page.cookies.lp_buyer).toBeTruthy(); // replaced by a fresh, validly signed one
    expect(page.cookies.lp_buyer).not.toContain("forgedsignature");
  });

  it("refuses cross-site POSTs", async () => {
    const response = await post(`${server.url}/api/dev/wallet/pay`, JSON.stringify({ invoice: "lnbcrt1" }), {
      headers: { "content-type": "application/json", origin: "https://evil.example" },
    });
    expectError(response, 403, "cross_site");
  });

  it("answers an invalid receipt link with a page, not an error", async () => {
    const response = await get(`${server.url}/receipts/not-a-real-token`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain("/receipts/invalid");
  });
});
