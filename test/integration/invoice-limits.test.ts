import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createArticle } from "@/test/support/fixtures";
import { cookieHeader, get } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { HEALTH_TOKEN, startSiteServer, type SiteServer } from "@/test/support/site-server";

// Invoice caps and the health endpoint on the production build (default caps: 10 open invoices
// per buyer cookie, 50 per address, 600 new invoices a minute).
let server: SiteServer;
beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
});
afterAll(async () => server?.stop());

describe("a reader opening many priced articles", () => {
  it("gets invoices for ten, then a clear busy state with a Try again link on the 11th", async () => {
    const articles = [];
    for (let i = 0; i < 11; i++) articles.push(await createArticle({ priceSats: 20 + i, body: `Capped body ${i}` }));
    const first = await get(`${server.url}/articles/${articles[0]!.slug}`);
    const cookie = cookieHeader(first.cookies);
    for (const article of articles.slice(0, 10)) {
      const page = await get(`${server.url}/articles/${article.slug}`, { cookie });
      expect(page.text).toMatch(/lnbcrt[0-9a-z]{20,}/);
    }
    const refused = await get(`${server.url}/articles/${articles[10]!.slug}`, { cookie });
    expect(refused.status).toBe(200);
    expect(refused.text).toContain('data-state="busy"');
    expect(refused.text).toContain("Try again");
    expect(refused.text).not.toMatch(/lnbcrt[0-9a-z]{20,}/);
    expect(refused.text).not.toContain("Capped body 10");
    expect(await db().payment.count({ where: { articleId: articles[10]!.id, paymentHash: { not: null } } })).toBe(0);
  });
});

describe("/api/health", () => {
  it("answers the public with ok/degraded only", async () => {
    const health = await get(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ status: "ok" });
    const wrong = await get(`${server.url}/api/health`, { headers: { authorization: `Bearer ${HEALTH_TOKEN}0` } });
    expect(JSON.parse(wrong.text)).toEqual({ status: "ok" });
  });

  it("gives the node's details with the HEALTH_TOKEN bearer token", async () => {
    const health = JSON.parse((await get(`${server.url}/api/health`, { headers: { authorization: `Bearer ${HEALTH_TOKEN}` } })).text);
    expect(health).toMatchObject({ status: "ok", database: { ok: true }, lightning: { ok: true, backend: "dev", network: "regtest" } });
  });
});
