import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUYER_COOKIE } from "@/lib/buyers/reader-cookies";
import { db } from "@/lib/db/client";
import { signValue } from "@/lib/security/signed-value";
import { buyerId, createArticle, waitFor } from "@/test/support/fixtures";
import { get, paymentIdIn } from "@/test/support/http";
import { newReaderInvoice } from "@/test/support/reader";
import { shareServerDatabase } from "@/test/support/site-data";
import { healthDetails, startSiteServer, type SiteServer } from "@/test/support/site-server";

// Many readers wait on one instance at once: every stream that ends, however it ends, must give
// its share of the server back. The server's health details count open streams and watched
// payments, so a leak in the real production server shows here.

let server: SiteServer;
let articleId: string;
let slug: string;
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  const article = await createArticle({ priceSats: 321 });
  articleId = article.id;
  slug = article.slug;
});
afterAll(async () => {
  agent.destroy();
  await server?.stop();
});

async function sseCounts(): Promise<{ streams: number; payments: number }> {
  const health = await get(`${server.url}/api/health`, { headers: healthDetails });
  return (JSON.parse(health.text) as { sse: { streams: number; payments: number } }).sse;
}

/** A waiting payment of its own buyer, and that browser's signed cookie. */
async function waitingReader(): Promise<{ paymentId: string; cookie: string }> {
  const buyer = await db().buyer.create({ data: { id: buyerId() } });
  const payment = await db().payment.create({
    data: { buyerId: buyer.id, articleId, purpose: "view", amountSats: 321, status: "pending_payment", invoiceExpiresAt: new Date(Date.now() + 3600_000) },
  });
  return { paymentId: payment.id, cookie: `${BUYER_COOKIE}=${signValue(Buffer.from(server.appSecret, "utf8"), BUYER_COOKIE, buyer.id)}` };
}

/** Opens the stream; resolves once its first status frame arrived, with the request and every status seen so far. */
function openStream(paymentId: string, cookie: string): Promise<{ request: http.ClientRequest; statuses: string[]; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const statuses: string[] = [];
    const request = http.get(`${server.url}/api/payments/${paymentId}/events`, { agent, headers: { cookie, accept: "text/event-stream" } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`events answered ${response.statusCode}`));
      const ended = new Promise<void>((done) => response.on("end", done).on("close", done));
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        for (const match of chunk.matchAll(/data: (\{[^\n]*\})/g)) statuses.push((JSON.parse(match[1]!) as { status: string }).status);
        if (statuses.length === 1) resolve({ request, statuses, ended });
      });
    });
    request.on("error", reject);
  });
}

describe("payment status streams on the production server", () => {
  it("are counted while open and released when their readers leave", async () => {
    const readers = await Promise.all(Array.from({ length: 30 }, () => waitingReader()));
    const streams = await Promise.all(readers.map(({ paymentId, cookie }) => openStream(paymentId, cookie)));
    expect(streams.every((stream) => stream.statuses[0] === "pending_payment")).toBe(true);
    expect(await sseCounts()).toEqual({ streams: 30, payments: 30 });

    for (const stream of streams) stream.request.destroy();
    await waitFor(async () => {
      const counts = await sseCounts();
      return counts.streams === 0 && counts.payments === 0;
    });
  });

  it("end on the final status, and release it", async () => {
    const reader = await newReaderInvoice(server.url, slug);
    const stream = await openStream(paymentIdIn(reader.html), reader.cookie);
    expect(await sseCounts()).toEqual({ streams: 1, payments: 1 });

    const paid = await fetch(`${server.url}/api/dev/wallet/pay`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ invoice: reader.invoice }) });
    expect(paid.status).toBe(200);
    await stream.ended;
    expect(stream.statuses.at(-1)).toBe("complete");
    expect(await sseCounts()).toEqual({ streams: 0, payments: 0 });
  });
});
