import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { get, post } from "@/test/support/http";
import { runOutside } from "@/test/support/outside-sql";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { Browser, callbackUrl, newPrivateKey } from "@/test/support/wallet";

// Receipt tokens, gift claim tokens and k1 challenges are bearer secrets: whoever reads them from a log could redeem
// a purchase or a sign-in. They reach the log only through error paths (a request path quoted by
// the route wrapper or by Auth.js), so this test drives those paths, an internal failure
// included, and then searches the whole server log. sign-in.test.ts checks the ordinary flow.
let server: SiteServer;

beforeAll(async () => {
  server = await startSiteServer();
});
afterAll(async () => server?.stop());

/** Renames a table while `action` runs: the server's next query on it fails (an internal error). */
async function withTableMissing(table: string, action: () => Promise<void>) {
  await runOutside(server.databaseUrl, `ALTER TABLE "${table}" RENAME TO "${table}_hidden"`);
  try {
    await action();
  } finally {
    await runOutside(server.databaseUrl, `ALTER TABLE "${table}_hidden" RENAME TO "${table}"`);
  }
}

describe("secrets never reach the server log", () => {
  it("keeps receipt tokens and k1 values out of it, on bad input and on internal errors", async () => {
    const secrets: string[] = [];
    const token = () => {
      const value = randomBytes(24).toString("base64url");
      secrets.push(value);
      return value;
    };
    const k1 = () => {
      const value = randomBytes(32).toString("hex");
      secrets.push(value);
      return value;
    };

    // Bad and unknown receipt links, then one while the database fails under the route.
    expect((await get(`${server.url}/receipts/${token()}`)).status).toBe(303);
    expect((await get(`${server.url}/receipts/${token()}x`)).status).toBe(303);
    await withTableMissing("Payment", async () => {
      expect((await get(`${server.url}/receipts/${token()}`)).status).toBe(500);
    });

    // A gift claim while the database fails under the route (the wrapper logs the path).
    const claim = randomBytes(32).toString("base64url");
    secrets.push(claim);
    await withTableMissing("Gift", async () => {
      expect((await post(`${server.url}/api/gifts/${claim}/claim`, undefined, { headers: { accept: "application/json" } })).status).toBe(500);
    });

    // Sign-in calls with bad k1 values: wallet callback, node signature, challenge polling,
    // next-auth's credentials callback, and next-auth paths that quote the k1.
    const browser = new Browser();
    const { lnurl, k1: real } = await browser.openChallenge(server.url);
    secrets.push(real);
    const wallet = newPrivateKey();
    expect((await fetch(callbackUrl(lnurl, wallet, { k1: k1() }))).status).toBeGreaterThanOrEqual(400);
    expect((await browser.send(`${server.url}/api/login/lnd`, "POST", { k1: k1(), signature: "d".repeat(104) })).status).toBeGreaterThanOrEqual(400);
    expect((await browser.send(`${server.url}/api/login/challenges/${k1()}`, "GET")).status).toBe(404);
    expect(await browser.redeem(server.url, k1())).toBe(false);
    expect((await get(`${server.url}/api/auth/callback/lightning/${k1()}`)).status).toBeLessThan(500);
    expect((await post(`${server.url}/api/auth/signin/${k1()}`, `k1=${k1()}`, { headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBeLessThan(500);
    await withTableMissing("LoginChallenge", async () => {
      expect((await browser.send(`${server.url}/api/login/challenges/${real}`, "GET")).status).toBe(500);
      expect((await fetch(callbackUrl(lnurl, wallet))).status).toBe(500);
    });

    const logs = server.logs();
    // The error paths were taken (otherwise this test proves nothing)...
    expect(logs).toContain("unhandled route error");
    expect(logs).toContain("lnurl endpoint failed");
    expect(logs).toContain("auth request failed");
    // ...and none of the secrets used is in the log.
    for (const secret of secrets) expect(logs, `secret ${secret.slice(0, 8)}… logged`).not.toContain(secret);
    expect(logs).toContain("/receipts/[redacted]");
    expect(logs).toContain("/api/gifts/[redacted]/claim");
  });
});
