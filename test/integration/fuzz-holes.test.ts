import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createArticle } from "@/test/support/fixtures";
import { get } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { Browser, signInWithWallet } from "@/test/support/wallet";

// The holes the fuzz test (fuzz-routes.test.ts) found or the issue named, one test each: bodies
// over the limit on routes that never read them and on next-auth's routes, requests Next.js or
// Auth.js answered with a 500 (broken percent-encoding, junk router state, a javascript: callback).
let server: SiteServer;
let slug: string;
let cookie: string;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  slug = (await createArticle({ priceSats: 0 })).slug;
  // The first account is admin; as author it can create articles.
  cookie = (await signInWithWallet(server.url)).cookie;
  expect((await fetch(`${server.url}/api/account/author`, { method: "POST", headers: { cookie } })).status).toBe(200);
});
afterAll(async () => server?.stop());

type Sent = { status: number; body: string };

/** A raw request; `chunked` sends the body without a Content-Length, as a stream would. */
function send(method: string, path: string, body: Buffer, headers: Record<string, string> = {}, chunked = false): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const out = request({ host: url.hostname, port: url.port, method, path, headers: { ...headers, ...(chunked ? {} : { "content-length": String(body.length) }) } }, (response) => {
      let text = "";
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    out.on("error", reject);
    if (chunked) {
      // Several chunks, so the server sees a stream rather than one buffer.
      for (let at = 0; at < body.length; at += 16 * 1024) out.write(body.subarray(at, at + 16 * 1024));
      out.end();
    } else out.end(body);
  });
}

const big = (bytes: number) => Buffer.alloc(bytes, "a");
const errorCode = (sent: Sent) => (JSON.parse(sent.body) as { error: { code: string } }).error.code;

describe("every body is size-limited", () => {
  it("refuses a large body with 413 on a route that never reads its body, declared or streamed", async () => {
    for (const chunked of [false, true]) {
      const sent = await send("POST", "/api/account/sign-out", big(100 * 1024), { "content-type": "text/plain" }, chunked);
      expect(sent.status).toBe(413);
      expect(errorCode(sent)).toBe("payload_too_large");
    }
    expect((await send("POST", "/api/account/sign-out", Buffer.alloc(0))).status).toBe(200);
  });

  it("refuses a large body with 413 on next-auth's routes, declared or streamed", async () => {
    const form = Buffer.from(`csrfToken=x&k1=${"ab".repeat(32)}&pad=${"p".repeat(20 * 1024)}`);
    for (const path of ["/api/auth/callback/lightning", "/api/auth/signout", "/api/auth/session"]) {
      for (const chunked of [false, true]) {
        const sent = await send("POST", path, form, { "content-type": "application/x-www-form-urlencoded" }, chunked);
        expect(sent.status, `${path} chunked=${chunked}`).toBe(413);
      }
    }
  });

  it("still takes a long article (up to 1 MB of JSON) from an author, and no more", async () => {
    const draft = (body: string) => send("POST", "/api/articles", Buffer.from(JSON.stringify({ title: "Long read", priceSats: 5, body })), { "content-type": "application/json", cookie });
    // 99,000 three-byte characters: about 300 KB, within the article limit, far over the default 16 KB.
    expect((await draft("€".repeat(99_000))).status).toBe(201);
    expect((await draft("word ".repeat(220_000))).status).toBe(413);
  });
});

describe("requests Next.js or Auth.js would answer with a 500 get a 400", () => {
  it("refuses broken percent-encoding in the path of dynamic pages and route handlers", async () => {
    for (const path of ["/articles/%E0%A4%A", "/receipts/%ff", "/api/payments/%E0/events", "/dashboard/articles/%c3%28", "/api/admin/articles/%ff/remove"]) {
      const response = await get(`${server.url}${path}`);
      expect(response.status, path).toBe(400);
    }
    // Valid encoding still reaches the route.
    expect((await get(`${server.url}/articles/${encodeURIComponent(slug)}`)).status).toBe(200);
    expect((await get(`${server.url}/articles/%E6%96%87`)).status).toBe(404);
  });

  it("refuses an RSC request whose router state header does not parse, and serves a valid one", async () => {
    const rsc = (tree: string) => get(`${server.url}/articles/${slug}`, { headers: { rsc: "1", "next-router-state-tree": tree }, follow: true });
    for (const junk of ["%7Bnot json", encodeURIComponent('["", {"children": [1, 2, 3]}]'), "x".repeat(12_000)]) {
      expect((await rsc(junk)).status).toBe(400);
    }
    const valid = await rsc(encodeURIComponent(JSON.stringify(["", { children: ["__PAGE__", {}] }])));
    expect(valid.status).toBe(200);
    expect(valid.headers.get("content-type")).toContain("text/x-component");
  });

  it("serves the sign-in pages and the node sign-in whatever junk the host headers carry", async () => {
    const junks: Record<string, string>[] = [{ "x-forwarded-host": "[::1:99999]%zz" }, { "x-forwarded-host": "evil.example, press.example,," }, { host: "evil..example:abc" }];
    for (const junk of junks) {
      const browser = new Browser();
      const page = async (path: string) => {
        const response = await get(`${server.url}${path}`, { cookie: browser.cookie, headers: junk });
        browser.keep(response.cookies);
        return response;
      };
      await page("/signin"); // the buyer cookie first; the challenge comes with the second visit
      expect((await page("/signin")).status, JSON.stringify(junk)).toBe(200);
      expect((await page("/account/keys/new")).status).toBeLessThan(500);
      const lnd = await fetch(`${server.url}/api/login/lnd`, {
        method: "POST",
        headers: { ...junk, cookie: browser.cookie, "content-type": "application/json" },
        body: JSON.stringify({ k1: "ab".repeat(32), signature: "d".repeat(104) }),
      });
      expect(lnd.status).toBeGreaterThanOrEqual(400);
      expect(lnd.status).toBeLessThan(500);
    }
    // The signed-in page that shows an add-a-key challenge, too.
    const junkHost = await get(`${server.url}/account/keys/new`, { cookie, headers: { "x-forwarded-host": "[::1:99999]%zz" } });
    expect(junkHost.status).toBe(200);
  });

  it("refuses a callback URL that is not an http(s) URL on next-auth's routes, in the query or the cookie", async () => {
    for (const path of ["/api/auth/providers?callbackUrl=javascript:alert(1)", "/api/auth/session?callbackUrl=%zz", "/api/auth/csrf?callbackUrl=data:text/html,x"]) {
      const response = await get(`${server.url}${path}`);
      expect(response.status, path).toBe(400);
      expect(JSON.parse(response.text).error.code).toBe("invalid_callback_url");
    }
    const viaCookie = await get(`${server.url}/api/auth/csrf`, { cookie: "authjs.callback-url=javascript%3Aalert(1)" });
    expect(viaCookie.status).toBe(400);
    expect((await get(`${server.url}/api/auth/providers?callbackUrl=/account`)).status).toBe(200);
  });
});
