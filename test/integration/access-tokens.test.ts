import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessToken } from "@/lib/access-tokens/verify-access-token";
import { db } from "@/lib/db/client";
import { setPassOffer } from "@/lib/passes/pass-offer-queries";
import { askToken, decodeToken } from "@/test/support/access-tokens";
import { type Actor, send } from "@/test/support/authors";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { buyWithDevWallet } from "@/test/support/downloads";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { buyGift, claimJson } from "@/test/support/gifts";
import { invoiceIn } from "@/test/support/http";
import { refuseInserts } from "@/test/support/outside-sql";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { startTokenVerifier, type TokenVerifier } from "@/test/support/token-verifier";
import { Browser, signInWithWallet } from "@/test/support/wallet";

// Signed access tokens end to end: a reader buys with the dev wallet on the production build,
// gets a token, and examples/token-verifier (its own process, verifying against the site's JWKS)
// serves the protected resource; refused after expiry, after an admin removes the key, for
// another article; claims, passes, gifts, bad requests, and no secret in any response or log.

const LIFETIME = 6;
const BODY = "Token article body: never in a token, a JWKS or a log.";
let server: SiteServer;
let verifier: TokenVerifier;
let admin: Actor;
let articleA: { id: string; slug: string };
let articleB: { id: string; slug: string };
const buyer = new Browser();
const issued: string[] = [];

const token = async (browser: Browser, resource: string, audience?: string) => {
  const answer = await askToken(server.url, browser, resource, audience);
  expect(answer.status, answer.text).toBe(200);
  issued.push(answer.token);
  return answer.token;
};
const ours = (value: string, audience = server.url) => verifyAccessToken(value, { issuer: server.url, audience });
const jwks = async () => (await (await fetch(`${server.url}/.well-known/jwks.json`)).json()) as { keys: Array<Record<string, unknown>> };

beforeAll(async () => {
  server = await startSiteServer({ env: { ACCESS_TOKEN_SECONDS: String(LIFETIME), ACCESS_TOKEN_AUDIENCES: "https://partner.example" } });
  await shareServerDatabase(server);
  // The first account on a site without ADMIN_PUBKEYS becomes its admin.
  const signedIn = await signInWithWallet(server.url);
  admin = { name: "admin", cookie: signedIn.cookie, userId: null };
  articleA = await createArticle({ priceSats: 21, body: BODY, title: "Token article A" });
  articleB = await createArticle({ priceSats: 34, body: BODY, title: "Token article B" });
  verifier = await startTokenVerifier({ SITE_URL: server.url, JWKS_CACHE_SECONDS: "1", JWKS_COOLDOWN_SECONDS: "1" });
  await buyWithDevWallet(server.url, buyer, articleA.slug);
});
afterAll(async () => {
  await verifier?.stop();
  await server?.stop();
});

describe("access tokens for a bought article", () => {
  it("are served by the example backend through the JWKS, with the claims documented", async () => {
    expect((await buyer.get(`${server.url}/articles/${articleA.slug}`)).text).toContain('data-testid="access-token"');
    const value = await token(buyer, `article:${articleA.id}`);
    const { header, payload } = decodeToken(value);
    expect(header).toMatchObject({ alg: "EdDSA", typ: "JWT" });
    expect(payload).toMatchObject({ iss: server.url, aud: server.url, grants: { type: "article", article_id: articleA.id, slug: articleA.slug }, paid_sats: 21 });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(LIFETIME);
    // The subject says nothing the site knows the buyer by.
    const buyerId = (await db().payment.findFirstOrThrow({ where: { articleId: articleA.id, status: "complete" } })).buyerId!;
    expect(String(payload.sub)).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(value).not.toContain(buyerId);
    expect(JSON.stringify(payload)).not.toContain(buyerId);

    const keys = await fetch(`${server.url}/.well-known/jwks.json`);
    expect(keys.headers.get("cache-control")).toBe("public, max-age=60");
    const set = (await keys.json()) as { keys: Array<Record<string, unknown>> };
    expect(set.keys.map((key) => key.kid)).toContain(header.kid);
    for (const key of set.keys) expect(Object.keys(key).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);

    const served = await verifier.premium(articleA.id, value);
    expect(served.status).toBe(200);
    expect(served.body).toMatchObject({ articleId: articleA.id, paidSats: 21, reader: payload.sub });
    expect(JSON.stringify(served.body)).not.toContain("Token article body");
    expect((await ours(value))?.grants).toEqual({ type: "article", article_id: articleA.id, slug: articleA.slug });
  });

  it("are refused for another article, without a token, and to a reader who holds nothing", async () => {
    const value = await token(buyer, `article:${articleA.id}`);
    expect((await verifier.premium(articleB.id, value)).status).toBe(403);
    expect((await verifier.premium(articleA.id)).status).toBe(401);
    expect((await verifier.premium(articleA.id, "not-a-token")).status).toBe(401);
    expect((await askToken(server.url, buyer, `article:${articleB.id}`)).status).toBe(403);
    expect((await askToken(server.url, new Browser(), `article:${articleA.id}`)).status).toBe(403);
  });

  it("name another audience only when the site allows it, and the example (expecting the site's) refuses them", async () => {
    const partner = await token(buyer, `article:${articleA.id}`, "https://partner.example");
    expect(decodeToken(partner).payload.aud).toBe("https://partner.example");
    expect(await ours(partner, "https://partner.example")).not.toBeNull();
    expect(await ours(partner)).toBeNull();
    expect((await verifier.premium(articleA.id, partner)).status).toBe(401);
    // Pairwise subjects: the partner sees another id for the same reader.
    expect(decodeToken(partner).payload.sub).not.toBe(decodeToken(await token(buyer, `article:${articleA.id}`)).payload.sub);
    expect((await askToken(server.url, buyer, `article:${articleA.id}`, "https://evil.example")).status).toBe(400);
  });

  it("are refused by the example and by our own helper once expired", async () => {
    const value = await token(buyer, `article:${articleA.id}`);
    expect((await verifier.premium(articleA.id, value)).status).toBe(200);
    const expiresAt = Number(decodeToken(value).payload.exp) * 1000;
    await new Promise((resolve) => setTimeout(resolve, expiresAt - Date.now() + 1100));
    expect((await verifier.premium(articleA.id, value)).status).toBe(401);
    expect(await ours(value)).toBeNull();
  });

  it("are refused after an admin removes their key; a rotation keeps earlier tokens valid", async () => {
    const before = await token(buyer, `article:${articleA.id}`);
    const kid = String(decodeToken(before).header.kid);
    expect((await verifier.premium(articleA.id, before)).status).toBe(200);
    expect((await send(server.url, { name: "reader", cookie: buyer.cookie, userId: null }, "DELETE", `/api/admin/access-token-keys/${kid}`)).status).toBe(401);
    expect((await send(server.url, admin, "DELETE", "/api/admin/access-token-keys/not-a-kid")).status).toBe(400);
    expect((await send(server.url, admin, "DELETE", `/api/admin/access-token-keys/${kid}`)).status).toBe(204);
    expect((await send(server.url, admin, "DELETE", `/api/admin/access-token-keys/${kid}`)).status).toBe(404);
    expect((await jwks()).keys.map((key) => key.kid)).not.toContain(kid);
    // The example trusts a fetched key set for JWKS_CACHE_SECONDS (1 s here), then refetches.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect((await verifier.premium(articleA.id, before)).status).toBe(401);
    expect(await ours(before)).toBeNull();

    const after = await token(buyer, `article:${articleA.id}`);
    expect(decodeToken(after).header.kid).not.toBe(kid);
    expect((await verifier.premium(articleA.id, after)).status).toBe(200);
    const rotated = await send(server.url, admin, "POST", "/api/admin/access-token-keys");
    expect(rotated.status).toBe(201);
    const newKid = (JSON.parse(rotated.text) as { kid: string }).kid;
    const listed = JSON.parse((await send(server.url, admin, "GET", "/api/admin/access-token-keys")).text) as { keys: Array<{ kid: string; retiredAt: string | null; publishedUntil: string | null }> };
    expect(listed.keys[0]).toMatchObject({ kid: newKid, retiredAt: null, publishedUntil: null });
    expect(listed.keys.find((key) => key.kid === decodeToken(after).header.kid)?.publishedUntil).not.toBeNull();
    expect((await verifier.premium(articleA.id, after)).status).toBe(200);
    const fresh = await token(buyer, `article:${articleA.id}`);
    expect(decodeToken(fresh).header.kid).toBe(newKid);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await verifier.premium(articleA.id, fresh)).status).toBe(200);
  });
});

describe("access tokens for passes and gifts", () => {
  it("a site pass: grants the pass with its end, opens every article at the example, and its article tokens end with it", async () => {
    const offer = (await setPassOffer(null, { priceSats: 50, days: 1 }))!;
    const holder = new Browser();
    await holder.get(`${server.url}/articles/${articleB.slug}`);
    const page = await holder.get(`${server.url}/passes/${offer.id}`);
    expect((await holder.send(`${server.url}/api/dev/wallet/pay`, "POST", { invoice: invoiceIn(page.text) })).status).toBe(200);
    await waitFor(async () => (await askToken(server.url, holder, "pass:site")).status === 200, { timeoutMs: 10_000 });
    const pass = decodeToken(await token(holder, "pass:site")).payload;
    const until = Number((pass.grants as { until: number }).until);
    expect(pass.grants).toEqual({ type: "pass", scope: "site", until });
    expect(until * 1000).toBeGreaterThan(Date.now() + 86_000_000);
    expect(pass.paid_sats).toBe(50);
    expect((await verifier.premium(articleB.id, await token(holder, "pass:site"))).status).toBe(200);
    const viaPass = decodeToken(await token(holder, `article:${articleB.id}`)).payload;
    expect(viaPass.grants).toEqual({ type: "article", article_id: articleB.id, slug: articleB.slug, pass_until: until });
    expect(Number(viaPass.exp)).toBeLessThanOrEqual(until);
    expect((await askToken(server.url, holder, `pass:author:${articleB.id}`)).status).toBe(403);
  });

  it("a claimed gift: the claimer gets the token, the giver (who holds no reading) does not", async () => {
    const giver = new Browser();
    await giver.get(`${server.url}/library`);
    const gift = await buyGift(server.url, giver.cookie, "article", articleB.id);
    const claimer = new Browser();
    await claimer.get(`${server.url}/library`);
    expect((await claimJson(server.url, claimer.cookie, gift.token)).status).toBeLessThan(400);
    const payload = decodeToken(await token(claimer, `article:${articleB.id}`)).payload;
    expect(payload).toMatchObject({ grants: { type: "article", article_id: articleB.id }, paid_sats: 34 });
    expect((await verifier.premium(articleB.id, await token(claimer, `article:${articleB.id}`))).status).toBe(200);
    expect((await askToken(server.url, giver, `article:${articleB.id}`)).status).toBe(403);
  });
});

describe("access tokens for a file sold alone", () => {
  it("grants the file and the sats paid for it; the example (articles only) does not take it for an article", async () => {
    const { authorId } = await db().article.findUniqueOrThrow({ where: { id: articleA.id } });
    const file = await db().storedFile.create({
      data: { ownerId: authorId, priceSats: 13, title: "Token file", fileName: "token.pdf", mimeType: "application/pdf", sizeBytes: 10, sha256: "0".repeat(64), storageKey: `token-${Date.now()}`, status: "visible" },
    });
    const reader = new Browser();
    await reader.get(`${server.url}/files/${file.id}`);
    expect((await askToken(server.url, reader, `file:${file.id}`)).status).toBe(403);
    const page = await reader.get(`${server.url}/files/${file.id}`);
    expect((await reader.send(`${server.url}/api/dev/wallet/pay`, "POST", { invoice: invoiceIn(page.text) })).status).toBe(200);
    await waitFor(async () => (await askToken(server.url, reader, `file:${file.id}`)).status === 200, { timeoutMs: 10_000 });
    expect((await reader.get(`${server.url}/files/${file.id}`)).text).toContain('data-testid="access-token"');
    const value = await token(reader, `file:${file.id}`);
    expect(decodeToken(value).payload).toMatchObject({ grants: { type: "file", file_id: file.id }, paid_sats: 13 });
    expect(await ours(value)).not.toBeNull();
    expect((await verifier.premium(file.id, value)).status).toBe(403);
  });
});

describe("POST /api/access-tokens input", () => {
  it("answers bad requests with a clear 4xx, never a 500", async () => {
    const post = (body: string | undefined, headers: Record<string, string> = { "content-type": "application/json" }) =>
      fetch(`${server.url}/api/access-tokens`, { method: "POST", headers: { cookie: buyer.cookie, ...headers }, body });
    const cases: Array<[string | undefined, Record<string, string> | undefined, number]> = [
      [undefined, undefined, 400],
      [undefined, {}, 415],
      ["{", undefined, 400],
      ["[]", undefined, 400],
      ["null", undefined, 400],
      [JSON.stringify({}), undefined, 400],
      [JSON.stringify({ resource: 7 }), undefined, 400],
      [JSON.stringify({ resource: "article:../../etc" }), undefined, 400],
      [JSON.stringify({ resource: `article:${articleA.id}`, audience: 5 }), undefined, 400],
      [JSON.stringify({ resource: `article:${"a".repeat(25)}` }), undefined, 403],
      [JSON.stringify({ resource: `file:${"a".repeat(25)}` }), undefined, 403],
      [JSON.stringify({ resource: "pass:author:zzzzzzzzzzzzzzzzzzzzzzzz" }), undefined, 403],
      [JSON.stringify({ resource: `article:${articleA.id}` }), { "content-type": "text/plain" }, 415],
      [JSON.stringify({ resource: "x".repeat(40_000) }), undefined, 413],
      [JSON.stringify({ resource: `article:${articleA.id}` }), { "content-type": "application/json", origin: "https://evil.example" }, 403],
    ];
    for (const [body, headers, status] of cases) {
      const response = await post(body, headers);
      const text = await response.text();
      expect(response.status, `${body?.slice(0, 60)} -> ${text}`).toBe(status);
      expect(JSON.parse(text).error.message).toBeTruthy();
    }
    expect((await fetch(`${server.url}/api/access-tokens`)).status).toBe(405);
  });

  it("a key that cannot be stored is a plain 500, and its sealed private key is not quoted in the log", async () => {
    const allowInserts = await refuseInserts(server.databaseUrl, "SigningKey", "refused for the test");
    try {
      const refused = await askToken(server.url, buyer, `article:${articleA.id}`);
      expect(refused.status).toBe(500);
      expect(refused.text).not.toContain("refused for the test");
    } finally {
      await allowInserts();
    }
    expect(server.logs()).toContain("access-token signing key could not be stored");
    expect(server.logs()).not.toContain("prisma.signingKey");
    expect(server.logs()).not.toMatch(/privateKeySealed|[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{40,}/);
    // A new key is made on the next request; the example refetches for its unknown kid after its 1 s cooldown.
    const next = await token(buyer, `article:${articleA.id}`);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await verifier.premium(articleA.id, next)).status).toBe(200);
  });

  it("puts no private key in any response and no token or key in the server log; the books balance", async () => {
    const sealed = (await db().signingKey.findMany()).map((row) => row.privateKeySealed);
    expect(sealed.length).toBeGreaterThan(0);
    const everything = JSON.stringify(await jwks()) + server.logs() + verifier.logs();
    for (const secret of [...sealed, ...sealed.map((text) => text.split(".")[2]!)]) expect(everything).not.toContain(secret);
    expect(everything).not.toContain('"d":');
    for (const value of issued) expect(server.logs() + verifier.logs()).not.toContain(value.split(".")[2]);
    expect(server.logs()).not.toContain(BODY);
    await expectBooksMatchNode(devNode);
  });
});
