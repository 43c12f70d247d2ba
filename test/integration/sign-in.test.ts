import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { signMessageAsNode } from "@/lib/lightning/message-signature";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { invoiceIn } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { answerLnurl, Browser, callbackUrl, lud05LinkingKey, newPrivateKey, publicKeyOf, randomSeed, signInWithWallet, signK1 } from "@/test/support/wallet";

let server: SiteServer;
beforeAll(async () => {
  server = await startSiteServer({ env: { LOGIN_CHALLENGES_PER_WINDOW: "6" } });
  await shareServerDatabase(server);
});
afterAll(async () => server?.stop());

const lnurlError = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
};

describe("LNURL-auth sign-in (LUD-04)", () => {
  it("renders a fresh k1 as a QR code, a lightning: link and the LNURL text; a wallet's signature signs the browser in", async () => {
    const browser = new Browser();
    const first = await browser.get(`${server.url}/signin`);
    expect(first.text).toContain('data-state="preparing"');
    expect(await db().loginChallenge.count({ where: { browserId: { not: "" } } })).toBe(0);

    const { lnurl, k1, html } = await browser.openChallenge(server.url);
    expect(html).toMatch(/data-testid="lnurl-qr"[^>]*><svg/);
    expect(html).toContain(`href="lightning:${lnurl}"`);
    expect(html).toContain("lncli signmessage");
    const state = () => browser.send(`${server.url}/api/login/challenges/${k1}`, "GET").then((r) => r.json().state);
    expect(await state()).toBe("waiting");

    const wallet = newPrivateKey();
    expect(await answerLnurl(lnurl, wallet)).toEqual({ status: 200, body: { status: "OK" } });
    expect(await state()).toBe("answered");
    expect(await browser.redeem(server.url, k1)).toBe(true);
    expect(await state()).toBe("used");

    const account = await browser.get(`${server.url}/account`);
    expect(account.status).toBe(200);
    expect(account.text).toContain(publicKeyOf(wallet));
    // First account on a fresh site: admin.
    expect(account.text).toMatch(/data-testid="account-role">admin</);
    const home = await browser.get(`${server.url}/`);
    expect(home.text).toContain('data-testid="account-link"');
  });

  it("holds a ?wait=1 status request until the wallet answers, then returns at once", async () => {
    const browser = new Browser();
    const { lnurl, k1 } = await browser.openChallenge(server.url);
    const started = Date.now();
    const held = browser.send(`${server.url}/api/login/challenges/${k1}?wait=1`, "GET");
    await new Promise((resolve) => setTimeout(resolve, 700));
    const answeredAt = Date.now();
    expect((await answerLnurl(lnurl, newPrivateKey())).body.status).toBe("OK");
    const response = await held;
    expect(response.json().state).toBe("answered");
    // Held while waiting, released by the answer (not by the 25 s timeout).
    expect(answeredAt - started).toBeGreaterThanOrEqual(700);
    expect(Date.now() - answeredAt).toBeLessThan(3000);
    // An answered challenge is reported without waiting.
    expect((await browser.send(`${server.url}/api/login/challenges/${k1}?wait=1`, "GET")).json().state).toBe("answered");
  });

  it("takes the same wallet's repeated answer as one, and refuses answers and a second redemption once used", async () => {
    const browser = new Browser();
    const { lnurl, k1 } = await browser.openChallenge(server.url);
    const wallet = newPrivateKey();
    expect((await answerLnurl(lnurl, wallet)).body.status).toBe("OK");
    expect(await answerLnurl(lnurl, wallet)).toEqual({ status: 200, body: { status: "OK" } });
    expect(await browser.redeem(server.url, k1, { pubkey: publicKeyOf(wallet) })).toBe(true);
    expect(await answerLnurl(lnurl, wallet)).toEqual({ status: 409, body: { status: "ERROR", reason: "This login challenge was already used" } });
    expect(await answerLnurl(lnurl, newPrivateKey())).toMatchObject({ status: 409, body: { status: "ERROR" } });
    const again = new Browser();
    again.keep(browser.jar);
    delete again.jar["authjs.session-token"];
    expect(await again.redeem(server.url, k1)).toBe(false);
  });

  it("refuses forged signatures with LUD-04 error JSON", async () => {
    const browser = new Browser();
    const { lnurl, k1 } = await browser.openChallenge(server.url);
    const wallet = newPrivateKey();
    const other = newPrivateKey();
    // Signed by another key than the one claimed.
    expect(await lnurlError(callbackUrl(lnurl, wallet, { sig: signK1(k1, other) }))).toEqual({ status: 403, body: { status: "ERROR", reason: "Signature does not match k1 and key" } });
    // Signature of a different k1.
    expect((await lnurlError(callbackUrl(lnurl, wallet, { sig: signK1("ab".repeat(32), wallet) }))).status).toBe(403);
    // A valid key that is not a curve point's encoding.
    expect((await lnurlError(callbackUrl(lnurl, wallet, { key: `02${"ff".repeat(32)}` }))).status).toBe(403);
    // Still unanswered: the real wallet can answer afterwards.
    expect((await answerLnurl(lnurl, wallet)).body.status).toBe("OK");
  });

  it("refuses malformed callbacks with 400 and a reason, never a stack", async () => {
    const base = `${server.url}/api/login/lnurl`;
    const good = { tag: "login", k1: "ab".repeat(32), sig: "30" + "44".repeat(35), key: `02${"11".repeat(32)}` };
    const cases: Array<Record<string, string>> = [
      {},
      { ...good, tag: "channelRequest" },
      { ...good, k1: "abc" },
      { ...good, k1: "zz".repeat(32) },
      { ...good, sig: "not-hex" },
      { ...good, sig: "" },
      { ...good, key: "04" + "11".repeat(64) },
      { ...good, key: "02" + "11".repeat(31) },
    ];
    for (const query of cases) {
      const result = await lnurlError(`${base}?${new URLSearchParams(query)}`);
      expect(result.status, JSON.stringify(query)).toBe(400);
      expect(result.body.status).toBe("ERROR");
      expect(result.body.reason).toMatch(/^Malformed LNURL-auth request: (tag|k1|sig|key)/);
      expect(JSON.stringify(result.body)).not.toMatch(/at .*\.(js|ts):\d+/);
    }
    expect(await lnurlError(`${base}?${new URLSearchParams({ ...good, sig: "30" + "44".repeat(35) })}`)).toMatchObject({ status: 404, body: { status: "ERROR" } });
  });

  it("refuses an expired challenge, for the wallet and for the browser", async () => {
    const browser = new Browser();
    const { lnurl, k1 } = await browser.openChallenge(server.url);
    const wallet = newPrivateKey();
    await db().$executeRaw`UPDATE "LoginChallenge" SET "expiresAt" = ${new Date(Date.now() - 1000)} WHERE "k1" = ${k1}`;
    expect(await answerLnurl(lnurl, wallet)).toMatchObject({ status: 410, body: { status: "ERROR", reason: expect.stringContaining("expired") } });
    // Answered in time but redeemed too late.
    const late = await browser.openChallenge(server.url);
    expect((await answerLnurl(late.lnurl, wallet)).body.status).toBe("OK");
    await db().$executeRaw`UPDATE "LoginChallenge" SET "expiresAt" = ${new Date(Date.now() - 1000)} WHERE "k1" = ${late.k1}`;
    expect(await browser.redeem(server.url, late.k1)).toBe(false);
    expect((await browser.send(`${server.url}/api/login/challenges/${late.k1}`, "GET")).json().state).toBe("expired");
  });

  it("lets only the browser that asked for the challenge redeem it", async () => {
    const owner = new Browser();
    const { lnurl, k1 } = await owner.openChallenge(server.url);
    expect((await answerLnurl(lnurl, newPrivateKey())).body.status).toBe("OK");
    const stranger = new Browser();
    await stranger.get(`${server.url}/signin`);
    expect(await stranger.redeem(server.url, k1)).toBe(false);
    expect((await stranger.send(`${server.url}/api/login/challenges/${k1}`, "GET")).status).toBe(404);
    expect(await owner.redeem(server.url, k1)).toBe(true);
  });

  it("signs a LUD-05 wallet in to one account per domain key, and another domain's key to another account", async () => {
    const seed = randomSeed();
    const siteKey = lud05LinkingKey(seed, "127.0.0.1");
    const first = await signInWithWallet(server.url, { privateKey: siteKey });
    const second = await signInWithWallet(server.url, { privateKey: lud05LinkingKey(seed, "127.0.0.1") });
    const users = async (pubkey: string) => (await db().loginKey.findUnique({ where: { pubkey } }))?.userId;
    expect(await users(second.pubkey)).toBe(await users(first.pubkey));
    const elsewhere = await signInWithWallet(server.url, { privateKey: lud05LinkingKey(seed, "example.com") });
    expect(elsewhere.pubkey).not.toBe(first.pubkey);
    expect(await users(elsewhere.pubkey)).not.toBe(await users(first.pubkey));
    const account = await second.browser.get(`${server.url}/account`);
    expect(account.text).toMatch(/data-testid="account-role">reader</);
  });

  it("rate-limits challenge creation per client address", async () => {
    const address = "203.0.113.7";
    const before = await db().loginChallenge.count();
    let refused = 0;
    for (let i = 0; i < 9; i++) {
      const browser = new Browser(address);
      await browser.get(`${server.url}/signin`);
      const page = await browser.get(`${server.url}/signin`);
      if (page.text.includes('data-testid="login-refused"')) {
        refused++;
        expect(page.text).toContain("Too many sign-in attempts");
      }
    }
    expect(refused).toBe(3);
    expect(await db().loginChallenge.count()).toBe(before + 6);
  });

  it("keeps challenges, signatures, session tokens and stack traces out of the server log", async () => {
    const { browser } = await signInWithWallet(server.url);
    const challenges = await db().loginChallenge.findMany({ select: { k1: true } });
    const logs = server.logs();
    for (const { k1 } of challenges) expect(logs).not.toContain(k1);
    expect(logs).not.toContain(browser.jar["authjs.session-token"]!.slice(0, 40));
    expect(logs).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });
});

describe("node signatures on the development node", () => {
  it("signs in with an `lncli signmessage`-style signature of the page's text; a malformed one gets a clear 400", async () => {
    const browser = new Browser();
    const { k1, html } = await browser.openChallenge(server.url);
    const message = /lncli signmessage &quot;([^&]+)&quot;/.exec(html)![1]!;
    expect(message).toBe(`Sign in to 127.0.0.1:${server.port} with challenge ${k1}`);
    const bad = await browser.send(`${server.url}/api/login/lnd`, "POST", { k1, signature: "abc" });
    expect(bad.status).toBe(400);
    expect(bad.json().error.message).toContain("lncli signmessage");
    const node = newPrivateKey();
    const answered = await browser.send(`${server.url}/api/login/lnd`, "POST", { k1, signature: signMessageAsNode(message, node) });
    expect(answered.json()).toEqual({ state: "answered", pubkey: publicKeyOf(node) });
    expect(await browser.redeem(server.url, k1)).toBe(true);
    expect((await db().loginKey.findUniqueOrThrow({ where: { pubkey: publicKeyOf(node) } })).kind).toBe("lnd");
  });
});

describe("keys and accounts", () => {
  it("adds a second wallet to an account, signs in with either, and never removes the last key", async () => {
    const { browser, pubkey: firstKey } = await signInWithWallet(server.url);
    const { lnurl, k1 } = await browser.openChallenge(server.url, "/account/keys/new");
    const secondWallet = newPrivateKey();
    expect((await answerLnurl(lnurl, secondWallet)).body.status).toBe("OK");
    // Answering alone links nothing: the signed-in browser confirms.
    expect(await db().loginKey.count({ where: { pubkey: publicKeyOf(secondWallet) } })).toBe(0);
    expect((await browser.send(`${server.url}/api/account/keys`, "POST", { k1 })).status).toBe(201);
    const owner = (await db().loginKey.findUniqueOrThrow({ where: { pubkey: firstKey } })).userId;
    expect((await db().loginKey.findUniqueOrThrow({ where: { pubkey: publicKeyOf(secondWallet) } })).userId).toBe(owner);

    const viaSecond = await signInWithWallet(server.url, { privateKey: secondWallet });
    expect(await viaSecond.browser.get(`${server.url}/account`).then((page) => page.text)).toContain(firstKey);

    // The second wallet's session retires the first key: the first key's sessions end with it.
    const keys = await db().loginKey.findMany({ where: { userId: owner }, orderBy: { createdAt: "asc" } });
    expect((await viaSecond.browser.send(`${server.url}/api/account/keys/${keys[0]!.id}`, "DELETE")).status).toBe(204);
    const profile = await db().profile.findUniqueOrThrow({ where: { userId: owner } });
    expect(profile.identityPubkey).toBe(publicKeyOf(secondWallet));
    const endedSession = await browser.get(`${server.url}/account`);
    expect(endedSession.status).toBe(307);
    expect(endedSession.headers.get("location")).toContain("/signin");
    expect((await browser.send(`${server.url}/api/account/author`, "POST", {})).status).toBe(401);
    expect((await viaSecond.browser.get(`${server.url}/account`)).status).toBe(200);

    const last = await viaSecond.browser.send(`${server.url}/api/account/keys/${keys[1]!.id}`, "DELETE");
    expect(last.status).toBe(409);
    expect(last.json().error.message).toContain("only key");
  });

  it("refuses account changes sent from another site", async () => {
    const { browser } = await signInWithWallet(server.url);
    for (const [path, method, body] of [
      ["/api/account/author", "POST", "{}"],
      ["/api/account", "PATCH", JSON.stringify({ displayName: "Mallory" })],
      ["/api/account/sign-out", "POST", "{}"],
      ["/api/login/lnd", "POST", JSON.stringify({ k1: "ab".repeat(32), signature: "y".repeat(104) })],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        body,
        headers: { cookie: browser.cookie, "content-type": "application/json", origin: "https://evil.example" },
      });
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("cross_site");
    }
    expect((await browser.get(`${server.url}/account`)).text).not.toContain("Mallory");
    expect((await browser.send(`${server.url}/api/account`, "PATCH", { displayName: "Satoshi <b>" })).status).toBe(400);
    expect((await browser.send(`${server.url}/api/account`, "PATCH", { displayName: "Ada" })).status).toBe(200);
    expect((await browser.get(`${server.url}/account`)).text).toContain("Ada");
  });

  it("refuses to add a key that already signs in to another account, and keys of other accounts cannot be removed", async () => {
    const alice = await signInWithWallet(server.url);
    const bob = await signInWithWallet(server.url);
    const { lnurl, k1 } = await alice.browser.openChallenge(server.url, "/account/keys/new");
    expect((await answerLnurl(lnurl, bob.privateKey)).body.status).toBe("OK");
    const taken = await alice.browser.send(`${server.url}/api/account/keys`, "POST", { k1 });
    expect(taken.status).toBe(409);
    expect(taken.json().error.message).toContain("another account");
    const bobKey = await db().loginKey.findUniqueOrThrow({ where: { pubkey: bob.pubkey } });
    expect((await alice.browser.send(`${server.url}/api/account/keys/${bobKey.id}`, "DELETE")).status).toBe(404);
    expect((await new Browser().send(`${server.url}/api/account/keys/${bobKey.id}`, "DELETE")).status).toBe(401);
  });

  it("moves this browser's anonymous purchases into the account when asked to; they open on the user's other devices; receipts keep working", async () => {
    const article = await createArticle({ priceSats: 21, body: "Body bought before signing in." });
    const laptop = new Browser();
    await laptop.get(`${server.url}/articles/${article.slug}`);
    const paywall = await laptop.get(`${server.url}/articles/${article.slug}`);
    const paid = await laptop.send(`${server.url}/api/dev/wallet/pay`, "POST", { invoice: invoiceIn(paywall.text) });
    expect(paid.status).toBe(200);
    const bought = await waitFor(async () => (await laptop.get(`${server.url}/articles/${article.slug}`)).text.includes("Body bought before signing in.") && true);
    expect(bought).toBe(true);

    const wallet = newPrivateKey();
    await signInWithWallet(server.url, { privateKey: wallet, browser: laptop, movePurchases: true });
    expect((await laptop.get(`${server.url}/library`)).text).toContain(`data-slug="${article.slug}"`);

    const phone = (await signInWithWallet(server.url, { privateKey: wallet })).browser;
    expect((await phone.get(`${server.url}/articles/${article.slug}`)).text).toContain("Body bought before signing in.");
    expect((await phone.get(`${server.url}/library`)).text).toContain(`data-slug="${article.slug}"`);

    // Signing out forgets the browser's purchases; the receipt link still restores this one.
    expect((await laptop.send(`${server.url}/api/account/sign-out`, "POST", {})).status).toBe(200);
    const receipt = await db().payment.findFirstOrThrow({ where: { articleId: article.id, status: "complete" } });
    const anonymous = new Browser();
    expect((await anonymous.get(`${server.url}/articles/${article.slug}`)).text).not.toContain("Body bought before signing in.");
    await anonymous.get(`${server.url}/receipts/${receipt.receiptToken}`);
    expect((await anonymous.get(`${server.url}/articles/${article.slug}`)).text).toContain("Body bought before signing in.");
  });
});
