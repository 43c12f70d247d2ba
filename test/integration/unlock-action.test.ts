import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { paymentIdIn, post, postJson } from "@/test/support/http";
import { newReaderInvoice } from "@/test/support/reader";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";

// The paywall's unlock action (lib/articles/unlock-action.tsx) called as the browser calls it:
// a POST to the article's URL naming the action. It must give the body only to the browser
// whose own payment the server has seen complete; everything else is a refusal, never the body.
const SENTINEL = "SENTINEL-SWAPPED-BODY-5c81e0aa";

let server: SiteServer;
let slug: string;
let articleId: string;
let actionId: string;

beforeAll(async () => {
  server = await startSiteServer({ env: { INVOICE_EXPIRY_SECONDS: "900" } });
  await shareServerDatabase(server);
  const article = await createArticle({ priceSats: 321, title: "Unlock action", body: `Opening line.\n\n${SENTINEL} paid text.` });
  slug = article.slug;
  articleId = article.id;
  actionId = unlockActionId();
});
afterAll(async () => server?.stop());

/** The action's id in this build, from Next's server reference manifest. */
function unlockActionId(): string {
  const manifest = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../.next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }>;
  };
  const ids = Object.entries(manifest.node)
    .filter(([, entry]) => entry.exportedName === "unlockArticle" || (entry.filename ?? "").includes("unlock-action"))
    .map(([id]) => id);
  expect(ids, "the unlockArticle server action in .next's manifest").toHaveLength(1);
  return ids[0]!;
}

/** Calls the action with these raw arguments (as React encodes a plain call: a JSON array). */
function callUnlock(args: unknown[], cookie?: string, body = JSON.stringify(args)) {
  return post(`${server.url}/articles/${slug}`, body, {
    cookie,
    headers: { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: server.url },
  });
}

/** The action's result in the RSC payload: status and code of a refusal, or ok. */
function outcome(text: string): { ok: boolean; status?: number; code?: string } {
  if (/"ok":true/.test(text)) return { ok: true };
  const status = /"status":(\d{3})/.exec(text)?.[1];
  const code = /"code":"([a-z_]+)"/.exec(text)?.[1];
  return { ok: false, status: status ? Number(status) : undefined, code };
}

async function refused(args: unknown[], cookie: string | undefined, status: number, code: string) {
  const response = await callUnlock(args, cookie);
  expect(response.status, response.text.slice(0, 300)).toBe(200);
  expect(response.text).not.toContain(SENTINEL);
  expect(response.text).not.toContain("Opening line");
  expect(outcome(response.text)).toEqual({ ok: false, status, code });
}

describe("the unlock action gives the body only to the browser whose payment completed", () => {
  it("refuses unpaid, expired, other browsers' and malformed payments, then gives the buyer the rendered body", async () => {
    const buyer = await newReaderInvoice(server.url, slug);
    const paymentId = paymentIdIn(buyer.html);

    // Unpaid: nothing yet, even to its own browser.
    await refused([paymentId], buyer.cookie, 409, "not_paid");
    // Bad ids, a missing argument, another type: 400; a well-formed unknown one: 404.
    for (const bad of [["x"], ["../../etc"], [""], []]) await refused(bad, buyer.cookie, 400, "invalid_id");
    // Arguments that are not plain strings do not reach the action (proxy.ts: a 400 response).
    for (const bad of [[12], [{ id: paymentId }], [paymentId, paymentId, paymentId, paymentId, paymentId]]) {
      const response = await callUnlock(bad, buyer.cookie);
      expect([response.status, response.text.includes(SENTINEL)]).toEqual([400, false]);
    }
    await refused(["c" + "0".repeat(24)], buyer.cookie, 404, "not_found");

    // Another browser pays for its own invoice: its payment unlocks nothing for this one, and
    // this browser's payment id gives the other browser nothing either.
    const stranger = await newReaderInvoice(server.url, slug);
    const strangerPayment = paymentIdIn(stranger.html);
    expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice: stranger.invoice })).status).toBe(200);
    await waitFor(async () => (await db().payment.findUnique({ where: { id: strangerPayment } }))?.status === "complete");
    await refused([strangerPayment], buyer.cookie, 404, "not_found");
    await refused([paymentId], stranger.cookie, 404, "not_found");
    // No cookie at all, and a forged one.
    await refused([strangerPayment], undefined, 404, "not_found");
    await refused([strangerPayment], "lp_buyer=forged.value", 404, "not_found");

    // Positive control: this browser pays; the action now returns the rendered body.
    expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice: buyer.invoice })).status).toBe(200);
    await waitFor(async () => (await db().payment.findUnique({ where: { id: paymentId } }))?.status === "complete");
    const unlocked = await callUnlock([paymentId], buyer.cookie);
    expect(unlocked.status).toBe(200);
    expect(unlocked.headers.get("content-type")).toContain("text/x-component");
    expect(outcome(unlocked.text)).toEqual({ ok: true });
    expect(unlocked.text).toContain(SENTINEL);
    expect(unlocked.text).toContain('"data-testid":"article-body"');
    // ...and still only to it: the stranger asking with the buyer's payment id gets nothing.
    await refused([paymentId], stranger.cookie, 404, "not_found");
    expect(server.logs()).not.toContain(SENTINEL);
  });

  it("refuses an expired invoice, and a completed payment that grants no reading (an upvote)", async () => {
    const reader = await newReaderInvoice(server.url, slug);
    const paymentId = paymentIdIn(reader.html);
    await db().payment.update({ where: { id: paymentId }, data: { status: "expired", invoiceExpiresAt: new Date(Date.now() - 1000) } });
    await refused([paymentId], reader.cookie, 410, "expired");

    // A reader who upvoted the article (paid, complete) but never bought it.
    const upvoter = await newReaderInvoice(server.url, slug);
    const started = await post(`${server.url}/api/articles/${articleId}/upvotes`, "{}", { cookie: upvoter.cookie, headers: { "content-type": "application/json" } });
    expect(started.status).toBe(200);
    const upvote = JSON.parse(started.text) as { paymentId: string; paymentRequest: string };
    expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice: upvote.paymentRequest })).status).toBe(200);
    await waitFor(async () => (await db().payment.findUnique({ where: { id: upvote.paymentId } }))?.status === "complete");
    await refused([upvote.paymentId], upvoter.cookie, 404, "not_found");
  });

  it("refuses cross-site (403) and malformed (400) action requests before Next.js would answer 500", async () => {
    const buyer = await newReaderInvoice(server.url, slug);
    const paymentId = paymentIdIn(buyer.html);
    expect((await postJson(`${server.url}/api/dev/wallet/pay`, { invoice: buyer.invoice })).status).toBe(200);
    await waitFor(async () => (await db().payment.findUnique({ where: { id: paymentId } }))?.status === "complete");
    const action = { "next-action": actionId, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" };
    const form = new FormData();
    form.set("1_$ACTION_ID_" + actionId, "");
    const multipart = new Response(form);
    const formBody = await multipart.text();
    const formType = multipart.headers.get("content-type")!;
    for (const origin of ["https://evil.example", "null", "garbage", `http://${new URL(server.url).host}.evil.example`]) {
      for (const [kind, headers, body] of [
        ["fetch", action, JSON.stringify([paymentId])],
        ["form", { "content-type": formType }, formBody],
      ] as const) {
        const forged = await post(`${server.url}/articles/${slug}`, body, { cookie: buyer.cookie, headers: { ...headers, origin } });
        expect(forged.status, `${kind} from ${origin}`).toBe(403);
        expect(forged.text).not.toContain(SENTINEL);
      }
    }
    // From the site itself, malformed action requests are 400s (Next.js answered 500 to these).
    const page = `${server.url}/articles/${slug}`;
    const plain = { "content-type": "text/plain;charset=UTF-8", origin: server.url };
    for (const [what, headers, body] of [
      ["a form post", { "content-type": formType, origin: server.url }, formBody],
      ["a junk multipart body", { "content-type": "multipart/form-data; boundary=xyz", origin: server.url }, "--xyz\r\njunk"],
      ["a malformed action id", { ...plain, "next-action": "../../x" }, JSON.stringify([paymentId])],
      ["junk arguments", { ...plain, "next-action": actionId }, "{not json"],
      ["a reference tag for an argument", { ...plain, "next-action": actionId }, JSON.stringify(["$@1"])],
      ["an object for an argument", { ...plain, "next-action": actionId }, JSON.stringify([{ id: paymentId }])],
      ["an action as JSON", { "content-type": "application/json", origin: server.url, "next-action": actionId }, JSON.stringify([paymentId])],
    ] as const) {
      const response = await post(page, body, { cookie: buyer.cookie, headers });
      expect(response.status, what).toBe(400);
      expect(response.text).not.toContain(SENTINEL);
    }
    // Under /api/ too: a path naming no route is answered by the not-found page (fuzz-routes
    // found /api/lnurlp/%2e%2e/callback, which resolves to /api/callback, answered 500).
    for (const path of ["/api/callback", "/api/lnurl/withdraw/x/callback/nope", "/api/health"]) {
      for (const type of ["multipart/form-data", formType]) {
        const response = await post(`${server.url}${path}`, formBody, { headers: { "content-type": type, origin: server.url } });
        expect(response.status, `multipart to ${path}`).toBe(400);
      }
    }
    for (const [method, path] of [["GET", page], ["POST", `${server.url}/favicon.ico`], ["POST", `${server.url}/api/health`]]) {
      const response = await fetch(path!, { method, headers: { "next-action": "../../x" } });
      expect(response.status, `a malformed action id: ${method} ${path}`).toBe(400);
    }
    // The same request from the site's own page is answered.
    expect((await callUnlock([paymentId], buyer.cookie)).text).toContain(SENTINEL);
    expect(server.logs()).not.toContain("Invalid Server Actions request");
    expect(server.logs()).not.toMatch(/\n\s+at [^\n]*:\d+:\d+/);
  });
});
