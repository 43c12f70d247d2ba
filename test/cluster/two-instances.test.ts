import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterStatus } from "@/lib/cluster/cluster-status-queries";
import { decodeIdentifier } from "@/lib/l402/l402-identifier";
import { send, signInActors } from "@/test/support/authors";
import { createArticle } from "@/test/support/fixtures";
import { get } from "@/test/support/http";
import { readChallenge, withCredential } from "@/test/support/l402-client";
import { startPostgresServer, type PostgresServer } from "@/test/support/postgres-server";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { createPostgresDatabase } from "@/test/support/test-database";

// Two production instances of one site on one PostgreSQL database: a key revoked or rotated, or
// an article removed, on one must count on the other within about a second (the event bus
// invalidates the other's cache), not after its cache's lifetime or a restart; the per-site
// workers run on one of them.

let postgres: PostgresServer;
let a: SiteServer;
let b: SiteServer;
let admin: Awaited<ReturnType<typeof signInActors>>["admin"];
let articleUrl: (server: SiteServer) => string;
let databaseUrl = "";
let articleId = "";
let pageUrl: (server: SiteServer) => string;

const keyIdOf = (macaroon: string) => decodeIdentifier(Buffer.from(macaroon, "base64").subarray(3, 3 + 66))?.rootKeyId;
// A credential whose preimage is wrong: the key is checked first, so the answer says whether the
// instance still trusts the key (l402_wrong_preimage) or refuses it (l402_revoked).
const probe = async (server: SiteServer, macaroon: string) => {
  const response = await withCredential(articleUrl(server), `L402 ${macaroon}:${"00".repeat(32)}`);
  expect([401, 402]).toContain(response.status);
  return (JSON.parse(response.text) as { error: { code: string } }).error;
};

async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

beforeAll(async () => {
  postgres = await startPostgresServer();
  databaseUrl = createPostgresDatabase("keys", postgres.url).url;
  const appSecret = randomBytes(32).toString("hex");
  // A 10-minute page cache: only the event bus can make B show a change made on A.
  const env = { MAX_OPEN_INVOICES_PER_ADDRESS: "1000", INVOICES_PER_MINUTE: "1000", PAGE_CACHE_MS: "600000" };
  [a, b] = await Promise.all([
    startSiteServer({ databaseUrl, appSecret, env: { ...env, INSTANCE_ID: "a" } }),
    startSiteServer({ databaseUrl, appSecret, env: { ...env, INSTANCE_ID: "b" } }),
  ]);
  await shareServerDatabase(a);
  ({ admin } = await signInActors(a.url));
  const article = await createArticle({ priceSats: 50 });
  articleUrl = (server) => `${server.url}/api/v1/articles/${article.slug}`;
  articleId = article.id;
  pageUrl = (server) => `${server.url}/articles/${article.slug}`;
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  postgres?.stop();
});

describe("keys across instances", () => {
  it("an L402 root key revoked on one instance is refused by the other within a second, and it signs no more", async () => {
    const challenge = readChallenge(await get(articleUrl(b)));
    const oldKey = keyIdOf(challenge.macaroon)!;
    // B has the key cached now (the verification and its current signing key).
    expect(await probe(b, challenge.macaroon)).toMatchObject({ code: "l402_wrong_preimage" });
    expect((await send(a.url, admin, "POST", `/api/admin/l402/root-keys/${oldKey}/revoke`, {})).status).toBe(200);
    const took = await within(1000, async () => (await probe(b, challenge.macaroon)).code === "l402_revoked");
    console.info(`revocation seen by the other instance after ${took} ms`);
    // B's next challenge is signed with a live key.
    expect(keyIdOf(readChallenge(await get(articleUrl(b))).macaroon)).not.toBe(oldKey);
  });

  it("an L402 root key rotated on one instance signs the other's new challenges within a second", async () => {
    const before = keyIdOf(readChallenge(await get(articleUrl(b))).macaroon);
    const rotated = await send(a.url, admin, "POST", "/api/admin/l402/root-keys", {});
    expect(rotated.status).toBe(200);
    const { id } = JSON.parse(rotated.text) as { id: string };
    expect(id).not.toBe(before);
    await within(1000, async () => keyIdOf(readChallenge(await get(articleUrl(b))).macaroon) === id);
  });

  it("an access-token signing key removed on one instance leaves the other's JWKS at once", async () => {
    const kids = async (server: SiteServer) => (JSON.parse((await get(`${server.url}/.well-known/jwks.json`)).text) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
    const [kid] = await kids(b);
    expect(kid).toBeTruthy();
    expect((await send(a.url, admin, "DELETE", `/api/admin/access-token-keys/${kid}`)).status).toBe(204);
    await within(1000, async () => !(await kids(b)).includes(kid!));
  });

  it("an article removed or restored on one instance shows so on the other's cached page within a second", async () => {
    const removed = async () => (await get(pageUrl(b))).text.includes('data-testid="article-removed"');
    expect(await removed()).toBe(false); // B has the page's public parts cached now
    expect((await send(a.url, admin, "POST", `/api/admin/articles/${articleId}/remove`, {})).status).toBe(200);
    console.info(`removal seen by the other instance's page after ${await within(1000, removed)} ms`);
    expect((await send(a.url, admin, "POST", `/api/admin/articles/${articleId}/restore`, {})).status).toBe(200);
    await within(1000, async () => !(await removed()));
  });

  it("one instance of the two runs the settlement stream and one the withdrawal worker", async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const until = Date.now() + 10_000;
      let jobs: string[] = [];
      while (Date.now() < until) {
        jobs = (await clusterStatus(client)).leaders.map((leader) => `${leader.job}@${leader.instanceId}`);
        if (jobs.length === 2) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(jobs.map((job) => job.replace(/@[ab]$/, "")).sort()).toEqual(["settlements", "withdrawals"]);
      expect(jobs.every((job) => /@[ab]$/.test(job))).toBe(true);
    } finally {
      await client.end();
    }
  });
});
