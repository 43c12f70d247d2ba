// L402 verifications per second through the site: the paid article's API answered for a valid
// credential (macaroon signature chain, caveats, sha256 of the preimage, body read), beside a bare
// 200 of the same build (the static /about page) and the same API for a free article (the JSON
// route without any L402 work), in one run with the same autocannon settings.
import type { BenchConfig } from "./config";
import { expect, type LoadResult, measureScenario } from "./http-load";
import { type BenchArticles, BODY_MARKER } from "./site";

const apiPath = (articlePath: string) => articlePath.replace(/^\/articles\//, "/api/v1/articles/");

/** Gets a challenge for the paid article, pays it with the dev wallet: the credential. */
async function l402Credential(baseUrl: string, path: string): Promise<string> {
  const challenge = await fetch(baseUrl + path);
  await challenge.arrayBuffer();
  const header = challenge.headers.get("www-authenticate") ?? "";
  const match = /^L402 macaroon="([^"]+)", token="[^"]+", invoice="([^"]+)"$/.exec(header);
  if (challenge.status !== 402 || !match) throw new Error(`GET ${path} gave ${challenge.status} and no L402 challenge (${header})`);
  const paid = await fetch(`${baseUrl}/api/dev/wallet/pay`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ invoice: match[2] }) });
  const { preimage } = (await paid.json()) as { preimage?: string };
  if (!paid.ok || !preimage) throw new Error(`the dev wallet did not pay the L402 invoice (${paid.status})`);
  return `L402 ${match[1]}:${preimage}`;
}

export async function runL402Benchmark(baseUrl: string, articles: BenchArticles, config: BenchConfig): Promise<LoadResult[]> {
  const paidApi = apiPath(articles.paidPath);
  const authorization = await l402Credential(baseUrl, paidApi);
  const withBody = (text: string) => expect(text.includes(BODY_MARKER) && text.startsWith("{"), "the article's JSON with its body");
  const scenarios = [
    { name: "static /about", path: "/about", verify: (html: string) => expect(html.includes("<h1>About "), "the About heading") },
    { name: "API, free article", path: apiPath(articles.freePath), verify: withBody },
    { name: "API, L402 credential", path: paidApi, headers: { authorization }, verify: withBody },
  ];
  const results: LoadResult[] = [];
  for (const scenario of scenarios) results.push(await measureScenario(baseUrl, scenario, config));
  return results;
}
