import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createArticle } from "@/test/support/fixtures";
import { fuzzClient, stackTraceIn, type FuzzResult } from "@/test/support/fuzz-client";
import { FUZZ_LIGHTNING_NAME, fuzzPlan } from "@/test/support/fuzz-plan";
import { cookieHeader, get } from "@/test/support/http";
import { shareServerDatabase } from "@/test/support/site-data";
import { startSiteServer, type SiteServer } from "@/test/support/site-server";
import { TEST_TMP } from "@/test/support/test-database";
import { signInWithWallet } from "@/test/support/wallet";

// Malformed input to every page and route handler under app/ (enumerated from the file tree):
// wrong methods, junk and oversized bodies, broken JSON, wrong content types, bad ids, slugs and
// tokens, odd headers and cookies. Nothing may answer 500+ or show a stack trace. The selection is
// seeded: FUZZ_SEED=<n> replays a run.
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CONCURRENCY = 4;

let server: SiteServer;
let realSlugs: string[];
let realIds: string[];
let adminCookie: string;
let readerCookie: string;
const seenRoutes = new Set<string>();
let sent = 0;

beforeAll(async () => {
  server = await startSiteServer();
  await shareServerDatabase(server);
  const paid = await createArticle({ priceSats: 21 });
  const free = await createArticle({ priceSats: 0 });
  realSlugs = [paid.slug, free.slug];
  // A pending payment (a reader opened the paid article twice, keeping the cookie): its id is
  // real for the payment routes, though the fuzz requests do not carry that reader's cookie.
  readerCookie = cookieHeader((await get(`${server.url}/articles/${paid.slug}`)).cookies);
  await get(`${server.url}/articles/${paid.slug}`, { cookie: readerCookie });
  const payment = await db().payment.findFirstOrThrow({ where: { articleId: paid.id } });
  realIds = [paid.id, payment.id];
  // The first account on a fresh site is admin; it becomes an author as well.
  adminCookie = (await signInWithWallet(server.url)).cookie;
  const author = await fetch(`${server.url}/api/account/author`, { method: "POST", headers: { cookie: adminCookie } });
  expect(author.status).toBe(200);
  const named = await fetch(`${server.url}/api/account/lightning-name`, {
    method: "PUT",
    headers: { cookie: adminCookie, "content-type": "application/json" },
    body: JSON.stringify({ lightningName: FUZZ_LIGHTNING_NAME }),
  });
  expect(named.status).toBe(200);
});

afterAll(async () => {
  console.log(`fuzz: ${sent} requests, ${seenRoutes.size} distinct routes (seed ${SEED})`);
  await server?.stop();
});

/** What went wrong with one answer, or null when it is acceptable. */
function problem(result: FuzzResult): string | null {
  if (result.status === 0) {
    // The server may close on a body it refused before reading all of it.
    const large = (result.request.body?.length ?? 0) > 64 * 1024;
    return large ? null : `no answer (${result.error})`;
  }
  if (result.status >= 500) return `status ${result.status}`;
  const stack = stackTraceIn(result.body);
  return stack ? `stack trace in body (${stack})` : null;
}

async function fuzz(pass: string, seed: number, cookie?: string) {
  const { routes, requests } = fuzzPlan({ seed, realSlugs, realIds, cookie });
  const client = fuzzClient(server.url, CONCURRENCY);
  const results = await client.sendAll(requests);
  client.close();
  sent += results.length;
  for (const routeFile of routes) seenRoutes.add(routeFile.file);
  const failures = results.flatMap((result) => {
    const why = problem(result);
    return why ? [`${why}: ${result.request.label}\n    ${result.body.slice(0, 300).replace(/\s+/g, " ")}`] : [];
  });
  if (failures.length) {
    // The whole list goes to a file; the output shows the first ones.
    const file = path.join(TEST_TMP, `fuzz-failures-${pass}.txt`);
    writeFileSync(file, failures.join("\n"));
    console.log(`fuzz failures, ${pass} (${failures.length}, all in ${file}):\n${failures.slice(0, 20).join("\n")}`);
  }
  return { routes, results, failures };
}

describe("fuzzing every route under app/", () => {
  it("covers every page and route handler in the file tree", async () => {
    const { routes } = fuzzPlan({ seed: SEED, realSlugs, realIds });
    expect(routes.some((r) => r.file === "app/api/auth/[...nextauth]/route.ts")).toBe(true);
    expect(routes.filter((r) => r.kind === "page").length).toBeGreaterThan(5);
    expect(routes.filter((r) => r.kind === "route").length).toBeGreaterThan(15);
  });

  it("answers malformed requests from a signed-out client with no 5xx and no stack trace", async () => {
    // With a valid buyer cookie, as a returning reader has: pages then go past the first-visit
    // shortcut (the sign-in page creates a challenge, the article page an invoice).
    const { results, failures } = await fuzz("signed-out", SEED, readerCookie);
    expect(results.length).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  }, 240_000);

  it("answers malformed requests from a signed-in admin and author with no 5xx and no stack trace", async () => {
    const { failures } = await fuzz("signed-in", SEED + 1, adminCookie);
    expect(failures).toEqual([]);
  }, 240_000);

  it("keeps stack traces out of the server log", () => {
    expect(server.logs()).not.toMatch(/\n\s+at [^\n]*:\d+:\d+/);
  });
});
