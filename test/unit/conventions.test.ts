import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Conventions the team agreed on, checked by machine rather than by memory (README, Layout).
const root = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["app", "lib", "components", "test", "scripts", "bench", "polar"];
const SKIP = new Set(["node_modules", "generated", ".next"]);

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir))) {
    if (SKIP.has(entry)) continue;
    const relative = path.join(dir, entry);
    if (statSync(path.join(root, relative)).isDirectory()) out.push(...files(relative));
    else if (/\.(ts|tsx|mjs|js)$/.test(entry)) out.push(relative);
  }
  return out;
}

const sources = SOURCE_DIRS.flatMap(files);
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("project conventions", () => {
  it("only the LND backend imports the `lightning` package (plus test wallets and the benchmark)", () => {
    const allowed = new Set(["lib/lightning/lnd/lnd-backend.ts", "test/support/bob-wallet.ts"]);
    const importers = sources.filter((file) => /from ["']lightning["']/.test(read(file)));
    const offenders = importers.filter((file) => !allowed.has(file) && !file.startsWith("bench/"));
    expect(offenders).toEqual([]);
    expect(importers).toContain("lib/lightning/lnd/lnd-backend.ts");
  });

  it("keeps next-auth behind lib/auth: one server configuration, the client sign-in call in components/auth", () => {
    const server = sources.filter((file) => /from ["']next-auth(?:\/(?!react["'])[a-z/-]+)?["']/.test(read(file)));
    expect(server).toEqual(["lib/auth/next-auth.ts"]);
    const client = sources.filter((file) => /from ["']next-auth\/react["']/.test(read(file)));
    expect(client.every((file) => file.startsWith("components/auth/"))).toBe(true);
  });

  it("answers every route handler through the one wrapper (or the LNURL one) so errors never leak", () => {
    const handlers = sources.filter((file) => file.startsWith("app/") && path.basename(file) === "route.ts");
    const unwrapped = handlers.filter((file) => {
      const text = read(file);
      return !/\broute(<[^>]*>)?\(/.test(text) && !text.includes("lnurlResponse(") && !text.includes("handlers");
    });
    expect(unwrapped).toEqual([]);
  });

  it("gives route handlers their caller, params and body through the route context, not a repeated preamble", () => {
    const handlers = sources.filter((file) => file.startsWith("app/") && path.basename(file) === "route.ts");
    const preamble = /\b(requireUser|requireAuthor|requireAdmin|currentReader|readJson)\(|await params\b/;
    expect(handlers.filter((file) => preamble.test(read(file)))).toEqual([]);
  });

  // (The log's redaction patterns are a different concept: anything that looks secret.)
  it("keeps the server's identifier shapes (row ids, k1, public keys) in lib/http/identifiers.ts", () => {
    const shapes = /\[a-z0-9\]\{20,32\}|\[0-9a-f\]\{64\}/;
    const offenders = sources.filter((file) => /^(app|lib)\//.test(file) && !file.endsWith(".test.ts") && shapes.test(read(file)));
    expect(offenders.sort()).toEqual(["lib/http/identifiers.ts", "lib/log.ts"]);
  });

  it("shows every invoice through the one invoice panel and calls the payment API from components/invoice only", () => {
    const live = sources.filter((file) => /from ["']@\/components\/invoice\/invoice-live["']/.test(read(file)));
    expect(live).toEqual(["components/invoice/invoice-panel.tsx"]);
    const callers = sources.filter((file) => file.startsWith("components/") && /["'`]\/api\/(payments|dev\/wallet)\//.test(read(file)));
    expect(callers.every((file) => file.startsWith("components/invoice/"))).toBe(true);
  });

  // Feeds, link previews (metadata and image) and the sitemap go to everyone, paid or not, and
  // are cached publicly: their code paths never name the body column nor read cookies.
  it("keeps the article body and cookies out of feeds, previews and the sitemap", () => {
    const paths = sources.filter((file) => /^(lib\/(feeds|previews|seo)\/|app\/(feed\.xml|atom\.xml|og|authors\/\[id\]\/(feed|atom)\.xml)\/|app\/(sitemap|robots)\.ts$|components\/previews\/)/.test(file));
    expect(paths.length).toBeGreaterThanOrEqual(14);
    const bodyOrCookies = /"body"|\bbody\s*:|\.body\b|getPaidBody|readBody|article-access|entitlement|cookies\(|currentReader|reader\(\)|currentUser/;
    expect(paths.filter((file) => bodyOrCookies.test(read(file)))).toEqual([]);
    // The queries they share with the pages select public columns only.
    expect(read("lib/articles/article-queries.ts")).not.toMatch(/a\."body"|"body"/);
  });

  it("names files in kebab-case (Next.js route folders like [slug] aside)", () => {
    const bad = sources.map((file) => path.basename(file)).filter((name) => !/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+)*$/.test(name));
    expect(bad).toEqual([]);
  });

  it("keeps lib/ server-side: no client components there", () => {
    const clientInLib = sources.filter((file) => file.startsWith("lib/") && /^["']use client["']/m.test(read(file)));
    expect(clientInLib).toEqual([]);
  });

  it("keeps app/ to routes: pages, layouts, route handlers and Next.js special files", () => {
    const allowed = /^(page|layout|route|not-found|error|loading|template|default|sitemap|robots)\.tsx?$/;
    const stray = sources.filter((file) => file.startsWith("app/") && !allowed.test(path.basename(file)));
    expect(stray).toEqual([]);
  });

  it("keeps files small enough to read (split past ~300 lines; 350 is the hard stop)", () => {
    const long = sources.filter((file) => read(file).split("\n").length > 350);
    expect(long).toEqual([]);
  });

  it("styles colours through the palette's variables (set for light and dark) and never hides the focus ring", () => {
    const css = read("app/globals.css");
    // Literal colours only where palette variables are set, and where white is meant in both
    // schemes (the QR code's ground, text on the dev wallet's purple button).
    const literal = css.split("\n").filter((line) => /#[0-9a-f]{3,8}\b|rgba?\(/i.test(line) && !/^\s*--[a-z-]+:/.test(line) && !/^\.(qr|button\.dev) \{/.test(line));
    expect(literal).toEqual([]);
    const hidden = css.split("\n").filter((line) => /outline:\s*(none|0)\b/.test(line) && !line.startsWith("main:focus"));
    expect(hidden).toEqual([]);
  });

  // The pay-in engine (lib/payments/): a new paid thing is one file in actions/ plus its UI.
  const lib = sources.filter((file) => /^(app|lib|components)\//.test(file) && !/\.test\.tsx?$/.test(file));
  const isAction = (file: string) => file.startsWith("lib/payments/actions/") && file !== "lib/payments/actions/index.ts";

  it("lets only the registry import a paid action", () => {
    const importers = sources.filter((file) => /from ["']@\/lib\/payments\/actions\/[a-z-]+["']/.test(read(file)));
    expect(importers.filter((file) => file !== "lib/payments/actions/index.ts")).toEqual([]);
    // And every action file is in the registry.
    const registry = read("lib/payments/actions/index.ts");
    const actions = lib.filter(isAction).map((file) => path.basename(file, ".ts"));
    expect(actions.filter((name) => !registry.includes(`@/lib/payments/actions/${name}"`))).toEqual([]);
  });

  it("names a payment purpose only in its action file", () => {
    const types = lib.filter(isAction).map((file) => /\btype: "([a-z_]+)" as const/.exec(read(file))?.[1]);
    expect(types.every(Boolean)).toBe(true);
    const literal = new RegExp(`(purpose["']?\\s*(=|===|!==|:)\\s*|'|")(${types.join("|")})(['"])`);
    const named = (file: string) => read(file).split("\n").filter((line) => /purpose/i.test(line) && literal.test(line));
    expect(lib.filter((file) => !isAction(file) && named(file).length > 0)).toEqual([]);
  });

  it("keeps the engine free of domains: lib/payments outside actions/ imports no articles, accounts, access or ledger", () => {
    const engine = lib.filter((file) => file.startsWith("lib/payments/") && !file.startsWith("lib/payments/actions/"));
    const domain = /from ["']@\/lib\/(articles|auth|buyers|access|ledger|withdrawals)\//;
    expect(engine.filter((file) => domain.test(read(file)))).toEqual([]);
  });

  it("runs the settlement watcher without naming any action", () => {
    expect(read("lib/payments/settlement-watcher.ts")).not.toMatch(/actions/);
  });

  it("keeps raw SQL in query files (*-queries.ts) and lib/db/, so the PostgreSQL port has one place per domain to look", () => {
    const raw = lib.filter((file) => /\$(queryRaw|executeRaw)(Unsafe)?\b/.test(read(file)));
    const stray = raw.filter((file) => !file.endsWith("-queries.ts") && !file.startsWith("lib/db/"));
    expect(stray).toEqual([]);
  });
});
