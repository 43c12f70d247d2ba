import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessToken } from "@/lib/access-tokens/verify-access-token";
import { askToken, decodeToken, forgeries, mutate, sameToken } from "@/test/support/access-tokens";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { buyWithDevWallet } from "@/test/support/downloads";
import { createArticle } from "@/test/support/fixtures";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { startTokenVerifier, type TokenVerifier } from "@/test/support/token-verifier";
import { Browser } from "@/test/support/wallet";

// Forged and mutated access tokens: `alg: none`, unknown kid, another key under the real kid,
// HS256 keyed with public material, a payload changed under the signature; then hundreds of
// random mutations of a genuine token. None may be accepted by our own verify helper or by
// examples/token-verifier, and the example answers each with a 401/403, never a 500.

let server: SiteServer;
let verifier: TokenVerifier;
let genuine: string;
let articleA: { id: string; slug: string };
let articleB: { id: string; slug: string };

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  articleA = await createArticle({ priceSats: 21, title: "Forgery article A" });
  articleB = await createArticle({ priceSats: 21, title: "Forgery article B" });
  verifier = await startTokenVerifier({ SITE_URL: server.url, JWKS_CACHE_SECONDS: "60", JWKS_COOLDOWN_SECONDS: "1" });
  const buyer = new Browser();
  await buyWithDevWallet(server.url, buyer, articleA.slug);
  const answer = await askToken(server.url, buyer, `article:${articleA.id}`);
  expect(answer.status, answer.text).toBe(200);
  genuine = answer.token;
});
afterAll(async () => {
  await verifier?.stop();
  await server?.stop();
});

const ours = (token: string) => verifyAccessToken(token, { issuer: server.url, audience: server.url });

// Deterministic randomness, so a failure can be replayed.
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("forged access tokens", () => {
  it("the genuine token is accepted by both verifiers (so the refusals below are meaningful)", async () => {
    expect((await ours(genuine))?.grants).toMatchObject({ article_id: articleA.id });
    expect((await verifier.premium(articleA.id, genuine)).status).toBe(200);
  });

  const changeSets = () => ({
    "another article": { grants: { type: "article", article_id: articleB.id, slug: articleB.slug } },
    "a site pass": { grants: { type: "pass", scope: "site", until: 9_999_999_999 } },
    "a later expiry": { exp: 9_999_999_999 },
    "another audience": { aud: "https://evil.example" },
    "another issuer": { iss: "https://evil.example" },
  });

  it("alg none, unknown kid, another key, HS256, tampered payload, dropped signature: all refused by both", async () => {
    for (const [what, changes] of Object.entries(changeSets())) {
      for (const [kind, forged] of Object.entries(await forgeries(genuine, changes))) {
        expect(await ours(forged), `${kind} with ${what}`).toBeNull();
        for (const article of [articleA.id, articleB.id]) {
          const answer = await verifier.premium(article, forged);
          expect(answer.status, `${kind} with ${what} at ${article}`).toBe(401);
        }
      }
    }
    expect(decodeToken(genuine).header.alg).toBe("EdDSA");
  });

  it("random mutations of a genuine token are never accepted (our helper: 600, the example: 80)", async () => {
    const random = seeded(11);
    let tried = 0;
    for (let i = 0; i < 600; i++) {
      const mutated = mutate(genuine, random);
      if (sameToken(mutated, genuine)) continue;
      tried++;
      expect(await ours(mutated), mutated).toBeNull();
      if (i % 8 === 0) {
        const answer = await verifier.premium(articleA.id, mutated);
        expect([401, 403], mutated).toContain(answer.status);
      }
    }
    expect(tried).toBeGreaterThan(550);
    // The site still serves and the genuine token still works after all that.
    expect((await verifier.premium(articleA.id, genuine)).status).toBe(200);
  });

  it("random resource requests get a 4xx, never a 500", async () => {
    const random = seeded(7);
    const pieces = ["article:", "file:", "pass:", "site", "author:", articleA.id, "%00", "\u0000", "../", "a".repeat(25), "🙂", " ", ":"];
    const buyer = new Browser();
    for (let i = 0; i < 60; i++) {
      const resource = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      const answer = await askToken(server.url, buyer, resource, random() < 0.2 ? "https://evil.example" : undefined);
      expect([400, 403], `${JSON.stringify(resource)}: ${answer.text}`).toContain(answer.status);
    }
    expect(server.logs()).not.toMatch(/\n\s+at [^\n]*:\d+:\d+/);
    await expectBooksMatchNode(devNode);
  });
});
