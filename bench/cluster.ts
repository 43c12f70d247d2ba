// The cluster part (`--only=cluster`): the site as `npm run cluster` runs it (the real command,
// a private PostgreSQL server, alice on the regtest network). Page req/s on one instance
// reached directly, one behind nginx and three behind nginx, same machine, same run; then
// settlement-to-unlock with the reader's SSE on an instance that is not the leader, beside the
// same on the leader.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { startPostgresServer, type PostgresServer } from "@/test/support/postgres-server";
import { aliceSettings } from "@/test/support/regtest-network";
import { freePort, HEALTH_TOKEN } from "@/test/support/site-server";
import { formatClusterUnlockTable, runClusterUnlock, type ClusterUnlockSample, type ClusterUnlockSummary, summarizeClusterUnlock } from "./cluster-unlock";
import type { BenchConfig } from "./config";
import { type LoadResult, measureScenario, type Scenario, expect } from "./http-load";
import { type RegtestSession, useRegtest } from "./lnd-network";
import { BENCH_SERVER_ENV, getPage, hasArticleBody, insertArticles, newReaderCookie, PAID_PRICE_SATS, paywallInvoice, ROOT } from "./site";
import { fmt, table } from "./stats";

/** loadAverage: the machine's 1-minute load when the setup began (a shared machine skews figures). */
export type ClusterPageResult = LoadResult & { setup: string; loadAverage: number };
export type ClusterResults = {
  connections: number;
  pages: ClusterPageResult[];
  unlock?: { paidPriceSats: number; perTarget: number; summary: ClusterUnlockSummary; samples: ClusterUnlockSample[] };
};

type Status = { instances: { id: string; port: number }[]; leaders: { job: string; instanceId: string }[] };

let session: { pg?: PostgresServer; regtest?: RegtestSession; env?: NodeJS.ProcessEnv; dir?: string } = {};

function cluster(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(ROOT, "scripts/cluster/cluster.mjs"), ...args], { cwd: ROOT, env: session.env, timeout: 180_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`npm run cluster -- ${args.join(" ")} failed: ${stderr || stdout}`)) : resolve(stdout),
    );
  });
}

const status = async () => JSON.parse(await cluster(["status", "--json"])) as Status;

export async function runClusterBenchmark(config: BenchConfig): Promise<ClusterResults> {
  session.regtest = await useRegtest();
  console.log(session.regtest.alreadyRunning ? "  regtest   already running: left running at the end" : `  regtest   started in ${session.regtest.startSeconds.toFixed(1)}s: stopped at the end`);
  session.pg = await startPostgresServer();
  const admin = new Client({ connectionString: session.pg.url });
  await admin.connect();
  await admin.query("CREATE DATABASE bench");
  await admin.end();
  const databaseUrl = session.pg.url.replace(/\/postgres$/, "/bench");
  const port = await freePort();
  const proxy = `http://127.0.0.1:${port}`;
  session.dir = path.join(ROOT, ".test-tmp", `bench-cluster-${randomBytes(4).toString("hex")}`);
  session.env = {
    ...process.env,
    ...aliceSettings(),
    ...BENCH_SERVER_ENV,
    LIGHTNING_ENV_FILE: "none",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    CLUSTER_DIR: session.dir,
    APP_SECRET: randomBytes(32).toString("hex"),
    HEALTH_TOKEN,
  };

  const pages: ClusterPageResult[] = [];
  const measure = async (setup: string, baseUrl: string, scenarios: Scenario[]) => {
    const loadAverage = Math.round(os.loadavg()[0]! * 100) / 100;
    console.log(`  ${setup} (load average ${loadAverage})`);
    for (const scenario of scenarios) pages.push({ setup, loadAverage, ...(await measureScenario(baseUrl, scenario, config)) });
  };

  console.log(`  ${(await cluster(["--instances", "1"])).split("\n").find((line) => line.startsWith("cluster ready"))}`);
  const articles = await insertArticles(databaseUrl);
  // Readers made once through the proxy; their cookies hold on every instance (one APP_SECRET).
  const freeCookie = await newReaderCookie(proxy, articles.freePath);
  const unpaidCookie = await newReaderCookie(proxy, articles.paidPath);
  const unpaidInvoice = paywallInvoice(await getPage(proxy, articles.paidPath, unpaidCookie));
  const scenarios: Scenario[] = [
    { name: "free article", path: articles.freePath, cookie: freeCookie, verify: (html) => expect(hasArticleBody(html), "the article body") },
    {
      name: "paid, unpaid reader",
      path: articles.paidPath,
      cookie: unpaidCookie,
      verify: (html) => expect(!hasArticleBody(html) && unpaidInvoice !== null && paywallInvoice(html) === unpaidInvoice, "the paywall with the same pending invoice"),
    },
  ];
  const single = (await status()).instances[0]!;
  await measure(`1 instance, direct (127.0.0.1:${single.port})`, `http://127.0.0.1:${single.port}`, scenarios);
  await measure("1 instance behind nginx", proxy, scenarios);
  await cluster(["stop"]);

  console.log(`  ${(await cluster(["--instances", "3"])).split("\n").find((line) => line.startsWith("cluster ready"))}`);
  await measure("3 instances behind nginx", proxy, scenarios);
  console.log(`\n${formatClusterPagesTable(pages)}\n`);

  const perTarget = config.clusterPayments;
  const current = await waitForLeader();
  const leaderId = current.leaders.find((leader) => leader.job === "settlements")!.instanceId;
  const leader = current.instances.find((instance) => instance.id === leaderId)!;
  const other = current.instances.find((instance) => instance.id !== leaderId)!;
  console.log(`Settlement to unlock across instances (bob pays ${perTarget} + 1 warm-up per target, alternating; SSE held directly on ${other.id}, not leading, and on ${leader.id}, the leader)`);
  const samples = await runClusterUnlock(
    [
      { kind: "other", id: other.id, url: `http://127.0.0.1:${other.port}` },
      { kind: "leader", id: leader.id, url: `http://127.0.0.1:${leader.port}` },
    ],
    articles.paidPath.replace(/^\/articles\//, ""),
    perTarget,
  );
  const summary = summarizeClusterUnlock(samples);
  console.log(`\n${formatClusterUnlockTable(summary)}\n`);
  await stopClusterBench();
  return { connections: config.connections, pages, unlock: { paidPriceSats: PAID_PRICE_SATS, perTarget, summary, samples } };
}

async function waitForLeader(): Promise<Status> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const current = await status();
    if (current.leaders.some((leader) => leader.job === "settlements")) return current;
    if (Date.now() > deadline) throw new Error("no instance took the lead within 15 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Stops the cluster, the PostgreSQL server and (if this run started it) the regtest network. Idempotent. */
export async function stopClusterBench() {
  const { pg, regtest, env, dir } = session;
  session = {};
  const releasing = regtest?.release();
  if (env) await new Promise((resolve) => execFile(process.execPath, [path.join(ROOT, "scripts/cluster/cluster.mjs"), "stop"], { cwd: ROOT, env }, resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
  pg?.stop();
  await releasing;
}

/** Each page on each setup, with req/s against the first setup (one instance reached directly). */
export function formatClusterPagesTable(results: readonly ClusterPageResult[]): string {
  const baseline = (name: string) => results.find((result) => result.name === name);
  return table(
    ["page", "setup", "req/s", "vs 1 direct", "p50 ms", "p99 ms", "non-2xx", "errors", "load avg"],
    results.map((result) => [
      result.name,
      result.setup.replace(/ \(.*\)$/, ""),
      fmt(result.requestsPerSecond, 0),
      `${fmt((result.requestsPerSecond / baseline(result.name)!.requestsPerSecond) * 100, 0)}%`,
      fmt(result.latencyMs.p50, 1),
      fmt(result.latencyMs.p99, 1),
      String(result.non2xx),
      String(result.errors + result.timeouts),
      fmt(result.loadAverage, 2),
    ]),
  );
}
