import { createHmac } from "node:crypto";
import { request } from "node:http";
import { encode } from "@auth/core/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { get, invoiceIn } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { answerLnurl, Browser, newPrivateKey, publicKeyOf, signInWithWallet } from "@/test/support/wallet";

// Someone who only sees a sign-in code (a shared screen, a photo of the QR) must not get their
// key into the victim's account, nor the victim's browser (and its purchases) into theirs.
let server: SiteServer;
beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
});
afterAll(async () => server?.stop());

// fetch() always sends the real Host; node:http lets a test send any.
const rawGet = (port: number, path: string, headers: Record<string, string>) =>
  new Promise<string>((resolve, reject) => {
    request({ host: "127.0.0.1", port, path, headers }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve(body));
    })
      .on("error", reject)
      .end();
  });

const view = async (browser: Browser, k1: string) => (await browser.send(`${server.url}/api/login/challenges/${k1}`, "GET")).json();
const CONTESTED = /answered by another wallet; someone else may be able to see your screen/;

async function buyAnonymously(browser: Browser, body: string) {
  const article = await createArticle({ priceSats: 21, body });
  await browser.get(`${server.url}/articles/${article.slug}`);
  const paywall = await browser.get(`${server.url}/articles/${article.slug}`);
  expect((await browser.send(`${server.url}/api/dev/wallet/pay`, "POST", { invoice: invoiceIn(paywall.text) })).status).toBe(200);
  expect(await waitFor(async () => (await browser.get(`${server.url}/articles/${article.slug}`)).text.includes(body) && true)).toBe(true);
  return article;
}

describe("an onlooker who answers the code first", () => {
  it("on /signin: the page shows the onlooker's key and asks; the victim's wallet answering voids the code, and nothing signs in", async () => {
    const victim = new Browser();
    const { lnurl, k1 } = await victim.openChallenge(server.url);
    const onlooker = await signInWithWallet(server.url);
    await onlooker.browser.send(`${server.url}/api/account`, "PATCH", { displayName: "Mallory" });

    expect(await answerLnurl(lnurl, onlooker.privateKey)).toEqual({ status: 200, body: { status: "OK" } });
    const shown = await view(victim, k1);
    expect(shown).toMatchObject({ state: "answered", action: "login", pubkey: onlooker.pubkey, account: { exists: true, displayName: "Mallory" } });
    expect(shown.fingerprint).toBe(`${onlooker.pubkey.slice(0, 6)}…${onlooker.pubkey.slice(-6)}`);

    const mine = newPrivateKey();
    const contested = await answerLnurl(lnurl, mine);
    expect(contested.status).toBe(409);
    expect(contested.body).toMatchObject({ status: "ERROR", reason: expect.stringMatching(CONTESTED) });
    expect(await view(victim, k1)).toEqual({ state: "void" });
    expect(await victim.redeem(server.url, k1)).toBe(false);
    expect(await victim.redeem(server.url, k1, { pubkey: onlooker.pubkey })).toBe(false);
    expect(Object.keys(victim.jar).some((name) => name.endsWith("session-token"))).toBe(false);
    expect((await victim.get(`${server.url}/account`)).status).toBe(307);
    // Even the first key answering again changes nothing now.
    expect((await answerLnurl(lnurl, onlooker.privateKey)).status).toBe(409);
    expect(await db().loginKey.count({ where: { pubkey: publicKeyOf(mine) } })).toBe(0);
  });

  it("on /account/keys/new: the victim's wallet answering voids the code and no key is added", async () => {
    const victim = await signInWithWallet(server.url);
    const { lnurl, k1 } = await victim.browser.openChallenge(server.url, "/account/keys/new");
    const onlooker = newPrivateKey();
    expect((await answerLnurl(lnurl, onlooker)).body.status).toBe("OK");
    expect(await view(victim.browser, k1)).toMatchObject({ state: "answered", action: "link", pubkey: publicKeyOf(onlooker), owner: "none" });
    const newWallet = newPrivateKey();
    expect((await answerLnurl(lnurl, newWallet)).body.reason).toMatch(CONTESTED);
    expect(await view(victim.browser, k1)).toEqual({ state: "void" });
    const confirm = await victim.browser.send(`${server.url}/api/account/keys`, "POST", { k1 });
    expect(confirm.status).toBe(409);
    const confirmShown = await victim.browser.send(`${server.url}/api/account/keys`, "POST", { k1, pubkey: publicKeyOf(onlooker) });
    expect(confirmShown.status).toBe(409);
    expect(await db().loginKey.count({ where: { pubkey: { in: [publicKeyOf(onlooker), publicKeyOf(newWallet)] } } })).toBe(0);
  });

  it("'Not me: new code' voids the code for good", async () => {
    const victim = new Browser();
    const { lnurl, k1 } = await victim.openChallenge(server.url);
    const onlooker = newPrivateKey();
    expect((await answerLnurl(lnurl, onlooker)).body.status).toBe("OK");
    expect((await new Browser().send(`${server.url}/api/login/challenges/${k1}`, "DELETE")).status).toBe(404);
    expect((await victim.send(`${server.url}/api/login/challenges/${k1}`, "DELETE")).status).toBe(200);
    expect(await victim.redeem(server.url, k1, { pubkey: publicKeyOf(onlooker) })).toBe(false);
    expect(await db().loginKey.count({ where: { pubkey: publicKeyOf(onlooker) } })).toBe(0);
  });

  it("moves the browser's purchases into the account only when the box is ticked", async () => {
    const body = `Bought anonymously ${Math.random()}`;
    const victim = new Browser();
    const article = await buyAnonymously(victim, body);
    const onlooker = await signInWithWallet(server.url);
    const { lnurl, k1 } = await victim.openChallenge(server.url);
    expect((await answerLnurl(lnurl, onlooker.privateKey)).body.status).toBe("OK");
    expect(await view(victim, k1)).toMatchObject({ state: "answered", purchases: 1 });
    // The victim clicks "Continue" without ticking the box: signed in to the onlooker's account...
    expect(await victim.redeem(server.url, k1, { pubkey: onlooker.pubkey })).toBe(true);
    // ...but the purchase stays with the browser, out of the onlooker's reach.
    const payment = await db().payment.findFirstOrThrow({ where: { articleId: article.id, status: "complete" }, include: { buyer: true } });
    expect(payment.buyer?.userId).toBeNull();
    expect((await onlooker.browser.get(`${server.url}/articles/${article.slug}`)).text).not.toContain(body);
    expect((await onlooker.browser.get(`${server.url}/library`)).text).not.toContain(`data-slug="${article.slug}"`);
    expect((await victim.get(`${server.url}/articles/${article.slug}`)).text).toContain(body);
    // /account offers the move as a separate, explicit choice.
    expect((await victim.get(`${server.url}/account`)).text).toContain('data-testid="move-browser-purchases"');
    expect((await victim.send(`${server.url}/api/account/purchases`, "POST", {})).json()).toEqual({ moved: 1 });
    expect((await onlooker.browser.get(`${server.url}/articles/${article.slug}`)).text).toContain(body);
    expect((await victim.get(`${server.url}/account`)).text).not.toContain('data-testid="move-browser-purchases"');

    // Ticked: they move.
    const owner = new Browser();
    const bought = await buyAnonymously(owner, `${body} again`);
    const wallet = newPrivateKey();
    await signInWithWallet(server.url, { privateKey: wallet, browser: owner, movePurchases: true });
    const phone = (await signInWithWallet(server.url, { privateKey: wallet })).browser;
    expect((await phone.get(`${server.url}/articles/${bought.slug}`)).text).toContain(`${body} again`);
  });
});

describe("purchases not moved into the account", () => {
  it("stay with the browser when the person signs out", async () => {
    const body = `Kept by the browser ${Math.random()}`;
    const browser = new Browser();
    const article = await buyAnonymously(browser, body);
    await signInWithWallet(server.url, { browser });
    expect((await browser.send(`${server.url}/api/account/sign-out`, "POST", {})).status).toBe(200);
    expect(browser.jar["authjs.session-token"]).toBeUndefined();
    expect((await browser.get(`${server.url}/articles/${article.slug}`)).text).toContain(body);
  });
});

describe("a browser that belongs to another account", () => {
  it("gets a new buyer id when someone else signs in on it, so that account neither sees nor inherits the purchases", async () => {
    const body = `First owner's article ${Math.random()}`;
    const shared = new Browser();
    const article = await buyAnonymously(shared, body);
    const alice = newPrivateKey();
    await signInWithWallet(server.url, { privateKey: alice, browser: shared, movePurchases: true });
    const aliceBuyer = shared.jar.lp_buyer;
    // Alice's session ends (expired, or her key was removed) but the browser keeps its buyer id.
    delete shared.jar["authjs.session-token"];
    const bob = await signInWithWallet(server.url, { browser: shared, movePurchases: true });
    expect(shared.jar.lp_buyer).toBeDefined();
    expect(shared.jar.lp_buyer).not.toBe(aliceBuyer);
    expect((await shared.get(`${server.url}/articles/${article.slug}`)).text).not.toContain(body);
    const bobUser = (await db().loginKey.findUniqueOrThrow({ where: { pubkey: bob.pubkey } })).userId;
    expect(await db().payment.count({ where: { articleId: article.id, status: "complete", buyer: { userId: bobUser } } })).toBe(0);
    const aliceUser = (await db().loginKey.findUniqueOrThrow({ where: { pubkey: publicKeyOf(alice) } })).userId;
    expect(await db().payment.count({ where: { articleId: article.id, status: "complete", buyer: { userId: aliceUser } } })).toBe(1);
  });
});

describe("session cookie and host", () => {
  it("on an http site, reads only authjs.session-token: a valid token under the __Secure- name signs nobody in", async () => {
    const { pubkey, browser } = await signInWithWallet(server.url);
    const key = await db().loginKey.findUniqueOrThrow({ where: { pubkey } });
    const name = "__Secure-authjs.session-token";
    const secret = createHmac("sha256", Buffer.from(server.appSecret, "utf8")).update("next-auth session").digest("hex");
    const token = await encode({ token: { sub: key.userId, kid: key.id }, secret, salt: name });
    expect((await get(`${server.url}/account`, { cookie: `${name}=${token}` })).status).toBe(307);
    expect((await browser.get(`${server.url}/account`)).status).toBe(200);
  });

  it("builds the lncli text and origin checks from SITE_URL, never from Host headers; malformed ones get a 400", async () => {
    const browser = new Browser();
    await browser.get(`${server.url}/signin`);
    const page = await get(`${server.url}/signin`, { cookie: browser.cookie, headers: { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" } });
    expect(page.text).toContain(`Sign in to 127.0.0.1:${server.port} with challenge`);
    expect(page.text).not.toContain("evil.example");
    // next-auth's own URLs too (Next.js spells 127.0.0.1 as localhost in them).
    const providers = await rawGet(server.port, "/api/auth/providers", { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" });
    expect(providers).toMatch(new RegExp(`"http://(127\\.0\\.0\\.1|localhost):${server.port}/api/auth/callback/lightning"`));
    expect(providers).not.toContain("evil.example");
    const badHeaders: Array<Record<string, string>> = [{ "x-forwarded-host": "a.example, b.example" }, { "x-forwarded-host": "bad host/x" }, { "x-forwarded-proto": "https,http" }, { "x-forwarded-host": `${"a".repeat(300)}.example` }];
    for (const headers of badHeaders) {
      for (const path of ["/signin", "/api/auth/session", "/api/health"]) {
        const response = await get(`${server.url}${path}`, { headers });
        expect(response.status, `${path} ${JSON.stringify(headers)}`).toBe(400);
        expect(JSON.parse(response.text).error.code).toBe("bad_host");
      }
    }
    const signedIn = await signInWithWallet(server.url);
    const forged = await fetch(`${server.url}/api/account`, {
      method: "PATCH",
      body: JSON.stringify({ displayName: "Forged" }),
      headers: { cookie: signedIn.cookie, "content-type": "application/json", origin: "http://evil.example", "x-forwarded-host": "evil.example" },
    });
    expect(forged.status).toBe(403);
  });
});
