// `npm run bench -- --only=scale`: do the pages stay as fast when the site grows? Two SQLite
// files (bench/scale-data.ts), a small one and one with 100,000 articles and 1,000,000 completed
// payments, each behind its own production server, both running at once. Each page is requested
// one request at a time, alternating between the two servers (so a busy shared machine slows both
// alike), and its p50/p99 compared: the goal is the large database within 1.2x of the small one.
import { createMigratedDatabase } from "@/test/support/test-database";
import { type SiteServer, startSiteServer } from "@/test/support/site-server";
import { newPrivateKey, signInWithWallet } from "@/test/support/wallet";
import { signValue } from "@/lib/security/signed-value";
import { type ScaleData, type ScaleShape, generateScaleData } from "./scale-data";
import { getPage, hasArticleBody, newReaderCookie, paywallInvoice, removeDatabase, sampleBody } from "./site";
import { type Distribution, distribution, fmt, table } from "./stats";

export type ScaleConfig = { requests: number; articles: number; payments: number };
export type ScalePage = { name: string; small: Distribution; large: Distribution; smallBytes: number; largeBytes: number; ratioP50: number; ratioP99: number };
export type ScaleResults = { goal: number; requests: number; warmup: number; databases: ScaleData[]; pages: ScalePage[] };

const GOAL = 1.2;
const WARMUP = 20;
const SMALL: ScaleShape = { label: "small", articles: 1_000, payments: 1_000, heavyReaderPurchases: 30 };

type Target = { server: SiteServer; data: ScaleData; cookies: Record<"unpaid" | "paid" | "author" | "reader", string> };
type PageSpec = { name: string; path: (data: ScaleData) => string; cookie?: keyof Target["cookies"]; verify: (html: string, data: ScaleData) => boolean };

const PAGES: PageSpec[] = [
  { name: "home", path: () => "/", verify: (html) => html.includes('data-testid="article-list"') && html.includes('data-testid="pager-older"') },
  { name: "article, unpaid reader", path: (d) => `/articles/${d.paidSlug}`, cookie: "unpaid", verify: (html) => paywallInvoice(html) !== null },
  { name: "article, paid reader", path: (d) => `/articles/${d.paidSlug}`, cookie: "paid", verify: (html) => hasArticleBody(html) },
  {
    name: "dashboard, heavy author",
    path: () => "/dashboard",
    cookie: "author",
    verify: (html, d) => html.includes('data-testid="author-articles"') && html.replaceAll("<!-- -->", "").includes(`Total (${d.heavyAuthorArticles.toLocaleString("en-US")} articles)`),
  },
  { name: "library, heavy reader", path: () => "/library", cookie: "reader", verify: (html) => (html.match(/<li data-slug=/g) ?? []).length === 20 && html.includes('data-testid="pager-older"') },
];

let running: SiteServer[] = [];

export async function runScaleBenchmark(config: ScaleConfig): Promise<ScaleResults> {
  const large: ScaleShape = { label: "large", articles: config.articles, payments: config.payments, heavyReaderPurchases: Math.min(1_000, Math.floor(config.payments / 10)) };
  const authorKey = newPrivateKey();
  const databases = [SMALL, large].map((shape) => {
    const { file } = createMigratedDatabase(`scale-${shape.label}`);
    const data = generateScaleData(file, shape, authorKey, sampleBody());
    console.log(
      `  ${shape.label.padEnd(5)} ${shape.articles.toLocaleString("en-US")} articles, ${shape.payments.toLocaleString("en-US")} completed payments, heavy author ${data.heavyAuthorArticles.toLocaleString("en-US")} articles, heavy reader ${shape.heavyReaderPurchases.toLocaleString("en-US")} purchases: generated in ${fmt(data.seconds, 1)} s (${Object.entries(data.steps).map(([name, s]) => `${name} ${fmt(s, 1)} s`).join(", ")})`,
    );
    return data;
  });
  try {
    const targets: Target[] = [];
    for (const data of databases) {
      const server = await startSiteServer({ databaseUrl: `file:${data.file}` });
      running.push(server);
      targets.push({ server, data, cookies: await cookiesFor(server, data, authorKey) });
    }
    console.log(`  servers ${targets.map((t) => `${t.data.shape.label} ${t.server.url}`).join(", ")}\n`);
    const pages: ScalePage[] = [];
    for (const spec of PAGES) {
      const [small, big] = await measurePage(spec, targets as [Target, Target], config.requests);
      pages.push({ name: spec.name, small: small.latency, large: big.latency, smallBytes: small.bytes, largeBytes: big.bytes, ratioP50: big.latency.p50 / small.latency.p50, ratioP99: big.latency.p99 / small.latency.p99 });
    }
    return { goal: GOAL, requests: config.requests, warmup: WARMUP, databases, pages };
  } finally {
    await stopScaleServers();
    for (const data of databases) removeDatabase(`file:${data.file}`);
  }
}

export async function stopScaleServers() {
  const servers = running;
  running = [];
  await Promise.all(servers.map((server) => server.stop()));
}

/** The four readers: a new one (paywall), a buyer of the paid article, the signed-in heavy author, the heavy reader. */
async function cookiesFor(server: SiteServer, data: ScaleData, authorKey: string): Promise<Target["cookies"]> {
  const buyerCookie = (buyerId: string) => `lp_buyer=${signValue(Buffer.from(server.appSecret, "utf8"), "lp_buyer", buyerId)}`;
  const articlePath = `/articles/${data.paidSlug}`;
  const unpaid = await newReaderCookie(server.url, articlePath);
  await getPage(server.url, articlePath, unpaid); // makes the invoice the measured requests then show
  const { cookie: author } = await signInWithWallet(server.url, { privateKey: authorKey });
  return { unpaid, paid: buyerCookie(data.paidBuyerId), author, reader: buyerCookie(data.heavyReaderId) };
}

async function timedGet(target: Target, spec: PageSpec): Promise<{ ms: number; html: string }> {
  const started = performance.now();
  const response = await fetch(target.server.url + spec.path(target.data), { headers: spec.cookie ? { cookie: target.cookies[spec.cookie] } : {} });
  const html = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${spec.name} on the ${target.data.shape.label} database answered ${response.status}`);
  return { ms, html };
}

async function measurePage(spec: PageSpec, targets: [Target, Target], requests: number) {
  const bytes: number[] = [];
  for (const target of targets) {
    const { html } = await timedGet(target, spec);
    if (!spec.verify(html, target.data)) throw new Error(`${spec.name} on the ${target.data.shape.label} database does not show what it should:\n${html.slice(0, 800)}`);
    bytes.push(Buffer.byteLength(html));
    for (let i = 0; i < WARMUP; i++) await timedGet(target, spec);
  }
  const samples: [number[], number[]] = [[], []];
  for (let i = 0; i < requests; i++) {
    // Alternate which server goes first, so neither always follows the other's work.
    for (const index of i % 2 === 0 ? [0, 1] : [1, 0]) samples[index]!.push((await timedGet(targets[index]!, spec)).ms);
  }
  const [small, large] = samples.map((values, index) => ({ latency: distribution(values), bytes: bytes[index]! }));
  console.log(`  ${spec.name}: small p50 ${fmt(small!.latency.p50, 2)} ms, large p50 ${fmt(large!.latency.p50, 2)} ms`);
  return [small!, large!] as const;
}

export function formatScaleTable(results: ScaleResults): string {
  const [small, large] = results.databases;
  const header = ["page", `${small?.shape.label} p50 ms`, "p99 ms", "KiB", `${large?.shape.label} p50 ms`, "p99 ms", "KiB", "p50 ratio", "p99 ratio", `p50 within ${results.goal}x`];
  const rows = results.pages.map((page) => [
    page.name,
    fmt(page.small.p50, 2),
    fmt(page.small.p99, 2),
    fmt(page.smallBytes / 1024, 1),
    fmt(page.large.p50, 2),
    fmt(page.large.p99, 2),
    fmt(page.largeBytes / 1024, 1),
    `${fmt(page.ratioP50, 2)}x`,
    `${fmt(page.ratioP99, 2)}x`,
    page.ratioP50 <= results.goal ? "yes" : "NO",
  ]);
  return table(header, rows);
}
