// HTTP throughput of the static baseline page and of the three article variants, with autocannon.
import autocannon from "autocannon";
import type { BenchConfig } from "./config";
import { Browser, newPrivateKey, signInWithWallet } from "@/test/support/wallet";
import { type BenchArticles, getPage, hasArticleBody, newReaderCookie, paidReaderCookie, paywallInvoice } from "./site";
import { fmt, table } from "./stats";

export type LoadResult = {
  name: string;
  path: string;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
};

export type Scenario = { name: string; path: string; cookie?: string; headers?: Record<string, string>; verify: (html: string) => void };

/** The paying browser signs in (its purchase joins the account); a second browser signs in with the same wallet. */
async function signedInBuyerOnAnotherDevice(baseUrl: string, paidCookie: string): Promise<string> {
  const wallet = newPrivateKey();
  const payer = new Browser();
  for (const pair of paidCookie.split("; ")) {
    const eq = pair.indexOf("=");
    payer.jar[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  await signInWithWallet(baseUrl, { privateKey: wallet, browser: payer, movePurchases: true });
  return (await signInWithWallet(baseUrl, { privateKey: wallet })).cookie;
}

export async function runHttpBenchmarks(baseUrl: string, articles: BenchArticles, config: BenchConfig): Promise<LoadResult[]> {
  // Readers are prepared up front so no payment or invoice is created while another scenario is measured.
  // The free article also gets a cookie: a returning reader, so the proxy's Set-Cookie is not measured there.
  const freeCookie = await newReaderCookie(baseUrl, articles.freePath);
  const unpaidCookie = await newReaderCookie(baseUrl, articles.paidPath);
  const paidCookie = await paidReaderCookie(baseUrl, articles.paidPath);
  const otherDeviceCookie = await signedInBuyerOnAnotherDevice(baseUrl, paidCookie);
  // The unpaid reader's first render creates the invoice; every request after that must reuse it.
  const unpaidInvoice = paywallInvoice(await getPage(baseUrl, articles.paidPath, unpaidCookie));

  const scenarios: Scenario[] = [
    { name: "static /about", path: "/about", verify: (html) => expect(html.includes("<h1>About "), "the About heading") },
    { name: "free article", path: articles.freePath, cookie: freeCookie, verify: (html) => expect(hasArticleBody(html), "the article body") },
    {
      name: "paid, unpaid reader",
      path: articles.paidPath,
      cookie: unpaidCookie,
      verify: (html) => {
        expect(!hasArticleBody(html), "no article body");
        expect(unpaidInvoice !== null && paywallInvoice(html) === unpaidInvoice, "the paywall with the same pending invoice");
      },
    },
    {
      name: "paid, paid reader",
      path: articles.paidPath,
      cookie: paidCookie,
      verify: (html) => expect(hasArticleBody(html) && paywallInvoice(html) === null, "the article body and no paywall"),
    },
    {
      // Session decryption, the user lookup and the purchase found through the account.
      name: "paid, signed in elsewhere",
      path: articles.paidPath,
      cookie: otherDeviceCookie,
      verify: (html) => expect(hasArticleBody(html) && html.includes('data-testid="account-link"'), "the article body for a signed-in buyer"),
    },
  ];

  const results: LoadResult[] = [];
  for (const scenario of scenarios) results.push(await measureScenario(baseUrl, scenario, config));
  return results;
}

/** One scenario under autocannon, its page checked before and after (see runHttpBenchmarks). */
export async function measureScenario(baseUrl: string, scenario: Scenario, config: BenchConfig): Promise<LoadResult> {
  const headers = { ...(scenario.cookie ? { cookie: scenario.cookie } : {}), ...scenario.headers };
  // Check before and after: a load test of an error page, or of a page that changed mid-run
  // (e.g. the invoice expired), would be meaningless.
  scenario.verify(await getPage(baseUrl, scenario.path, scenario.cookie, scenario.headers));
  process.stdout.write(`  ${scenario.name.padEnd(22)} ${config.warmupS}s warm-up + ${config.durationS}s… `);
  const result = await autocannon({
    url: baseUrl + scenario.path,
    title: scenario.name,
    connections: config.connections,
    duration: config.durationS,
    headers,
    ...(config.warmupS > 0 ? { warmup: { connections: config.connections, duration: config.warmupS } } : {}),
  });
  scenario.verify(await getPage(baseUrl, scenario.path, scenario.cookie, scenario.headers));
  const load: LoadResult = {
    name: scenario.name,
    path: scenario.path,
    requestsPerSecond: result.requests.mean,
    latencyMs: { mean: result.latency.mean, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: result.latency.totalCount,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count])),
  };
  console.log(`${fmt(load.requestsPerSecond, 0)} req/s`);
  return load;
}

export function expect(condition: boolean, what: string) {
  if (!condition) throw new Error(`page check failed: expected ${what}`);
}

/** One row per page; the static page's figures sit beside each dynamic row for comparison. */
export function formatHttpTable(results: readonly LoadResult[]): string {
  const baseline = results.find((result) => result.path === "/about");
  const header = ["page", "req/s", "p50 ms", "p99 ms", "non-2xx", "errors", "static req/s", "vs static", "static p50", "static p99"];
  const rows = results.map((result) => {
    const isBaseline = result === baseline;
    const ratio = baseline && !isBaseline ? `${fmt((result.requestsPerSecond / baseline.requestsPerSecond) * 100, 1)}%` : "-";
    return [
      result.name,
      fmt(result.requestsPerSecond, 0),
      fmt(result.latencyMs.p50, 1),
      fmt(result.latencyMs.p99, 1),
      String(result.non2xx),
      String(result.errors + result.timeouts),
      isBaseline ? "-" : fmt(baseline?.requestsPerSecond, 0),
      ratio,
      isBaseline ? "-" : fmt(baseline?.latencyMs.p50, 1),
      isBaseline ? "-" : fmt(baseline?.latencyMs.p99, 1),
    ];
  });
  return table(header, rows);
}
