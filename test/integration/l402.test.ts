import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { decodeIdentifier } from "@/lib/l402/l402-identifier";
import { mintMacaroon } from "@/lib/l402/l402-macaroon";
import { SITE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { errorOf, send, signInActors } from "@/test/support/authors";
import { devNode, expectBooksMatchNode } from "@/test/support/books";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { get } from "@/test/support/http";
import { type Challenge, payDevInvoice, readChallenge, withCredential } from "@/test/support/l402-client";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// The L402 API on the dev node through the production server: 402 with a macaroon and an
// invoice, pay, retry with the credential, 200 with the body; the sale in the ledger like a
// browser's; every malformed, forged, expired or revoked credential refused.

const SENTINEL = "L402-PAID-BODY-SENTINEL-51c9";
let server: SiteServer;
let people: Awaited<ReturnType<typeof signInActors>>;
let article: Awaited<ReturnType<typeof createArticle>>;
let url = "";
let challenge: Challenge;
let preimage = "";

const macaroonBytes = (macaroon: string) => Buffer.from(macaroon, "base64");
// v2 binary: version byte, field type (identifier), length (66), then the identifier.
const identifierOf = (macaroon: string) => decodeIdentifier(macaroonBytes(macaroon).subarray(3, 3 + 66));
const keyIdOf = (macaroon: string) => identifierOf(macaroon)?.rootKeyId;

beforeAll(async () => {
  server = await startSiteServer({ env: { SITE_FEE_PERCENT: "10", MAX_OPEN_INVOICES_PER_ADDRESS: "1000", INVOICES_PER_MINUTE: "1000" } });
  await shareServerDatabase(server);
  people = await signInActors(server.url);
  article = await createArticle({ priceSats: 500, title: "Machines read too", body: `Paid part: ${SENTINEL}` });
  url = `${server.url}/api/v1/articles/${article.slug}`;
});
afterAll(async () => server?.stop());

describe("GET /api/v1/articles/<slug>", () => {
  it("serves a free article's body to anyone, and 404s unknown or malformed slugs", async () => {
    const free = await createArticle({ priceSats: 0, body: "Free words for all." });
    const response = await get(`${server.url}/api/v1/articles/${free.slug}`);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toMatchObject({ slug: free.slug, priceSats: 0, access: "free", body: "Free words for all.", teaser: "A public teaser." });
    expect((await get(`${server.url}/api/v1/articles/no-such-article`)).status).toBe(404);
    expect((await get(`${server.url}/api/v1/articles/${"x".repeat(300)}`)).status).toBe(404);
  });

  it("answers 402 with an L402 challenge and the public part, never the body; a new invoice each time", async () => {
    const first = await get(url);
    challenge = readChallenge(first);
    expect(first.text).not.toContain(SENTINEL);
    expect(challenge.json).toMatchObject({ slug: article.slug, title: "Machines read too", priceSats: 500, error: { code: "payment_required" } });
    expect(challenge.json.body).toBeUndefined();
    expect(challenge.json.l402).toMatchObject({ macaroon: challenge.macaroon, invoice: challenge.invoice, amountSats: 500 });
    const second = readChallenge(await get(url));
    expect(second.invoice).not.toBe(challenge.invoice);
    const payment = await db().payment.findFirstOrThrow({ where: { paymentRequest: challenge.invoice } });
    expect(payment).toMatchObject({ payerKind: "machine", buyerId: null, articleId: article.id, status: "pending_payment", amountSats: 500 });
    expect(identifierOf(challenge.macaroon)?.paymentHash.toString("hex")).toBe(payment.paymentHash);
  });

  it("serves the body for the macaroon and its invoice's preimage (L402 and LSAT), and books the sale like a browser's", async () => {
    preimage = await payDevInvoice(server.url, challenge.invoice);
    for (const scheme of ["L402", "LSAT"]) {
      const response = await withCredential(url, `${scheme} ${challenge.macaroon}:${preimage}`);
      expect(response.status, response.text).toBe(200);
      expect(JSON.parse(response.text)).toMatchObject({ access: "l402", body: `Paid part: ${SENTINEL}`, priceSats: 500 });
    }
    const payment = await waitFor(() => db().payment.findFirst({ where: { paymentRequest: challenge.invoice, status: "complete" }, include: { entitlements: true } }));
    expect(payment.entitlements).toMatchObject([{ buyerId: null, kind: "read", articleId: article.id }]);
    const entries = await db().ledgerEntry.findMany({ where: { journal: `payment:${payment.id}` } });
    expect(entries.find((entry) => entry.account === userAccount(article.authorId))?.amountMsats).toBe(450_000n);
    expect(entries.find((entry) => entry.account === SITE_ACCOUNT)?.amountMsats).toBe(50_000n);
    expect((await db().article.findUniqueOrThrow({ where: { id: article.id } })).salesCount).toBe(1);
    await expectBooksMatchNode(devNode);
  });

  it("refuses malformed and forged credentials with a clear 401, never the body", async () => {
    const other = readChallenge(await get(url));
    const otherPreimage = await payDevInvoice(server.url, other.invoice);
    const foreignKey = mintMacaroon({ id: keyIdOf(challenge.macaroon)!, secret: Buffer.alloc(32, 7) }, (await db().payment.findFirstOrThrow({ where: { paymentRequest: challenge.invoice } })).paymentHash!, { kind: "article", id: article.id }, 4_000_000_000);
    const otherArticle = await createArticle({ priceSats: 10 });
    const cases: Array<[string, string, string]> = [
      ["both L402 and LSAT", `L402 ${challenge.macaroon}:${preimage}, LSAT ${challenge.macaroon}:${preimage}`, "l402_malformed"],
      ["missing preimage", `L402 ${challenge.macaroon}:`, "l402_malformed"],
      ["missing colon", `L402 ${challenge.macaroon}`, "l402_malformed"],
      ["short preimage", `L402 ${challenge.macaroon}:${preimage.slice(0, 62)}`, "l402_malformed"],
      ["non-hex preimage", `L402 ${challenge.macaroon}:${"g".repeat(64)}`, "l402_malformed"],
      ["bad base64", `L402 ${challenge.macaroon.slice(0, 20)}!!${challenge.macaroon.slice(22)}:${preimage}`, "l402_malformed"],
      ["not a macaroon", `L402 ${Buffer.from("hello world").toString("base64")}:${preimage}`, "l402_malformed"],
      ["another invoice's preimage", `L402 ${challenge.macaroon}:${otherPreimage}`, "l402_wrong_preimage"],
      ["another root key's macaroon", `L402 ${foreignKey}:${preimage}`, "l402_invalid"],
    ];
    for (const [name, authorization, code] of cases) {
      const response = await withCredential(url, authorization);
      expect(response.status, name).toBe(401);
      expect(errorOf(response).code, name).toBe(code);
      expect(response.headers.get("www-authenticate"), name).toMatch(/^L402 /);
      expect(response.text, name).not.toContain(SENTINEL);
    }
    // A token for this article opens no other one, not even with its article caveat rewritten.
    const tampered = await withCredential(`${server.url}/api/v1/articles/${otherArticle.slug}`, `L402 ${tamper(challenge.macaroon, article.id, otherArticle.id)}:${preimage}`);
    expect([tampered.status, errorOf(tampered).code]).toEqual([401, "l402_invalid"]);
    const elsewhere = await withCredential(`${server.url}/api/v1/articles/${otherArticle.slug}`, `L402 ${challenge.macaroon}:${preimage}`);
    expect([elsewhere.status, errorOf(elsewhere).code]).toEqual([401, "l402_wrong_article"]);
  });

  it("fuzz: random mutations of a valid credential never open the body nor cause a 500", async () => {
    const valid = `L402 ${challenge.macaroon}:${preimage}`;
    const alphabet = "ABCDEFabcdef0123456789+/=:_- ,";
    const statuses = new Set<number>();
    for (let round = 0; round < 150; round++) {
      let header = valid;
      const at = Math.floor(Math.random() * header.length);
      const kind = round % 3;
      header = kind === 0 ? header.slice(0, at) + alphabet[round % alphabet.length] + header.slice(at + 1) : kind === 1 ? header.slice(0, at) + header.slice(at + 1) : header.slice(0, at);
      if (header === valid) continue;
      const response = await withCredential(url, header);
      statuses.add(response.status);
      if (response.status === 200) {
        // Only a mutation that decodes to the very same bytes (base64's spare bits, hex case) may pass.
        expect(Buffer.from(header.slice(5).split(":")[0]!, "base64").equals(macaroonBytes(challenge.macaroon)), header).toBe(true);
        continue;
      }
      expect([401, 402], header).toContain(response.status);
      expect(response.text).not.toContain(SENTINEL);
    }
    expect(statuses.has(401)).toBe(true);
  });
});

describe("root keys", () => {
  it("an expired token gets a fresh challenge, never the body", async () => {
    const key = await db().l402RootKey.findUniqueOrThrow({ where: { id: keyIdOf(challenge.macaroon)! } });
    const payment = await db().payment.findFirstOrThrow({ where: { paymentRequest: challenge.invoice } });
    const expired = mintMacaroon({ id: key.id, secret: Buffer.from(key.secret) }, payment.paymentHash!, { kind: "article", id: article.id }, Math.floor(Date.now() / 1000) - 1);
    const response = await withCredential(url, `L402 ${expired}:${preimage}`);
    expect(readChallenge(response).json).toMatchObject({ error: { code: "l402_expired" } });
    expect(response.text).not.toContain(SENTINEL);
  });

  it("rotating keeps old tokens valid and signs new ones with the new key; revoking refuses the old key's tokens", async () => {
    const oldKey = keyIdOf(challenge.macaroon)!;
    expect((await send(server.url, people.reader, "POST", "/api/admin/l402/root-keys", {})).status).toBe(403);
    const rotated = await send(server.url, people.admin, "POST", "/api/admin/l402/root-keys", {});
    expect(rotated.status).toBe(200);
    expect(rotated.text).not.toMatch(/secret/i);
    const newKey = (JSON.parse(rotated.text) as { id: string }).id;
    expect(newKey).not.toBe(oldKey);
    expect((await withCredential(url, `L402 ${challenge.macaroon}:${preimage}`)).status).toBe(200);
    const fresh = readChallenge(await get(url));
    expect(keyIdOf(fresh.macaroon)).toBe(newKey);

    const page = await get(`${server.url}/admin/l402`, { cookie: people.admin.cookie });
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="l402-sale"');
    expect(page.text).toContain(oldKey);
    expect(page.text).not.toContain(SENTINEL);
    expect((await get(`${server.url}/admin/l402`, { cookie: people.reader.cookie })).status).toBe(404);

    expect((await send(server.url, people.admin, "POST", `/api/admin/l402/root-keys/${"z".repeat(32)}/revoke`, {})).status).toBe(400);
    expect((await send(server.url, people.admin, "POST", `/api/admin/l402/root-keys/${"a".repeat(32)}/revoke`, {})).status).toBe(404);
    expect((await send(server.url, people.admin, "POST", `/api/admin/l402/root-keys/${oldKey}/revoke`, {})).status).toBe(200);
    const refused = await withCredential(url, `L402 ${challenge.macaroon}:${preimage}`);
    expect(readChallenge(refused).json).toMatchObject({ error: { code: "l402_revoked" } });
    expect(refused.text).not.toContain(SENTINEL);
    // The new key's tokens still work.
    const newPreimage = await payDevInvoice(server.url, fresh.invoice);
    expect((await withCredential(url, `L402 ${fresh.macaroon}:${newPreimage}`)).status).toBe(200);
    await waitFor(() => db().payment.findFirst({ where: { paymentRequest: fresh.invoice, status: "complete" } }));
    await expectBooksMatchNode(devNode);
    expect(server.logs()).not.toContain(SENTINEL);
    // Root keys never leave the server: not in the API's answers, the admin page or the logs.
    for (const { secret } of await db().l402RootKey.findMany()) {
      for (const encoded of [Buffer.from(secret).toString("hex"), Buffer.from(secret).toString("base64"), Buffer.from(secret).toString("base64url")]) {
        for (const text of [rotated.text, page.text, server.logs()]) expect(text).not.toContain(encoded);
      }
    }
  });
});

describe("a removed article", () => {
  it("stays readable with a paid credential, and is 404 (no challenge, no invoice) without one", async () => {
    const removed = await createArticle({ priceSats: 21, body: `Removed: ${SENTINEL}` });
    const removedUrl = `${server.url}/api/v1/articles/${removed.slug}`;
    const bought = readChallenge(await get(removedUrl));
    const proof = await payDevInvoice(server.url, bought.invoice);
    await waitFor(() => db().payment.findFirst({ where: { paymentRequest: bought.invoice, status: "complete" } }));
    expect((await send(server.url, people.admin, "POST", `/api/admin/articles/${removed.id}/remove`, {})).status).toBe(200);
    const held = await withCredential(removedUrl, `L402 ${bought.macaroon}:${proof}`);
    expect([held.status, JSON.parse(held.text).body]).toEqual([200, `Removed: ${SENTINEL}`]);
    const invoices = await db().payment.count({ where: { articleId: removed.id } });
    const anonymous = await get(removedUrl);
    expect(anonymous.status).toBe(404);
    expect(anonymous.text).not.toContain(SENTINEL);
    expect(await db().payment.count({ where: { articleId: removed.id } })).toBe(invoices);
  });
});

describe("invoice caps", () => {
  it("a client asking for challenges without paying is capped per address (429), like a browser", async () => {
    // A second server on the same database, with a cap of 3 open invoices per address.
    const capped = await startSiteServer({ databaseUrl: server.databaseUrl, env: { MAX_OPEN_INVOICES_PER_ADDRESS: "3" } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await get(`${capped.url}/api/v1/articles/${article.slug}`);
        statuses.push(response.status);
        expect(response.text).not.toContain(SENTINEL);
        if (response.status === 429) {
          expect(errorOf(response).code).toBe("busy");
          expect(response.headers.get("retry-after")).toBe("60");
        }
      }
      expect(statuses.every((status) => status === 402 || status === 429)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await capped.stop();
    }
  });
});

/** The macaroon with one caveat's bytes replaced (same length), its signature left as it was. */
function tamper(macaroon: string, from: string, to: string): string {
  const bytes = macaroonBytes(macaroon);
  const at = bytes.indexOf(Buffer.from(from));
  expect(at).toBeGreaterThan(0);
  expect(to.length).toBe(from.length);
  bytes.write(to, at);
  return bytes.toString("base64");
}
