import { afterAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { get } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { Browser, newPrivateKey, publicKeyOf, signInWithWallet } from "@/test/support/wallet";

// Limits that hold per real client, a global cap that no single client can fill for everyone,
// and the first account as admin once per site, ever. Each case starts its own server.
const servers: SiteServer[] = [];
afterAll(async () => {
  await disconnectDb();
  for (const server of servers) await server.stop();
});

async function start(env: Record<string, string>, databaseUrl?: string) {
  const server = await startSiteServer({ env, databaseUrl });
  servers.push(server);
  await shareServerDatabase(server);
  return server;
}

const refused = (html: string) => html.includes('data-testid="login-refused"');

async function openSignIn(server: SiteServer, browser: Browser, headers: Record<string, string> = {}) {
  const first = await get(`${server.url}/signin`, { headers: { ...headers } });
  browser.keep(first.cookies);
  return get(`${server.url}/signin`, { cookie: browser.cookie, headers });
}

describe("client addresses", () => {
  it("without TRUSTED_PROXIES, a client that sends made-up X-Forwarded-For values still hits its own sign-in limit", async () => {
    const server = await start({ TRUSTED_PROXIES: "", LOGIN_CHALLENGES_PER_WINDOW: "3" });
    let refusals = 0;
    for (let i = 0; i < 6; i++) {
      const spoof = `198.51.100.${i + 1}`;
      const page = await openSignIn(server, new Browser(), { "x-forwarded-for": spoof, "x-real-ip": spoof, "x-lp-socket-address": spoof });
      if (refused(page.text)) refusals++;
    }
    expect(refusals).toBe(3);
    const keys = await db().loginChallenge.findMany({ select: { clientKey: true } });
    expect(new Set(keys.map((row) => row.clientKey))).toEqual(new Set(["127.0.0.1"]));
  });
});

describe("global cap on live sign-in codes", () => {
  it("at LOGIN_CHALLENGES_MAX_LIVE, evicts the biggest holder's oldest code instead of refusing everybody", async () => {
    const server = await start({ LOGIN_CHALLENGES_MAX_LIVE: "4", LOGIN_CHALLENGES_PER_WINDOW: "10" });
    const flooder = "203.0.113.66";
    for (let i = 0; i < 4; i++) expect(refused((await new Browser(flooder).openChallenge(server.url)).html)).toBe(false);
    const oldest = await db().loginChallenge.findFirstOrThrow({ where: { clientKey: flooder }, orderBy: { createdAt: "asc" } });
    const other = await new Browser("192.0.2.10").openChallenge(server.url);
    expect(other.k1).toMatch(/^[0-9a-f]{64}$/);
    expect(await db().loginChallenge.count({ where: { clientKey: flooder } })).toBe(3);
    expect(await db().loginChallenge.findUnique({ where: { k1: oldest.k1 } })).toBeNull();
    // And again: still the flooder who gives way, never the one-code client.
    await new Browser("192.0.2.11").openChallenge(server.url);
    expect(await db().loginChallenge.count({ where: { clientKey: flooder } })).toBe(2);
    expect(await db().loginChallenge.count({ where: { clientKey: "192.0.2.10" } })).toBe(1);
    // IPv6 clients count by their /64.
    await new Browser("2001:db8:1:2:aaaa::1").openChallenge(server.url);
    await new Browser("2001:db8:1:2:bbbb::2").openChallenge(server.url);
    expect(await db().loginChallenge.count({ where: { clientKey: "2001:db8:1:2::/64" } })).toBe(2);
  });
});

describe("first account as admin", () => {
  it("happens once per site: later accounts never become admin, even after ADMIN_PUBKEYS is emptied", async () => {
    const admin = newPrivateKey();
    const first = await start({ ADMIN_PUBKEYS: publicKeyOf(admin) });
    const reader = await signInWithWallet(first.url);
    expect((await reader.browser.get(`${first.url}/account`)).text).toMatch(/data-testid="account-role">reader</);
    await first.stop();
    const second = await start({ ADMIN_PUBKEYS: "" }, first.databaseUrl);
    const later = await signInWithWallet(second.url);
    expect((await later.browser.get(`${second.url}/account`)).text).toMatch(/data-testid="account-role">reader</);
    expect(await db().user.count({ where: { role: "admin" } })).toBe(0);
    expect(await db().siteClaim.count()).toBe(1);
  });
});
