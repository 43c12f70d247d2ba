// The cluster part (`--only=cluster`): the site as `npm run cluster` runs it (the real command,
// a private PostgreSQL server, alice on the regtest network). Page req/s on one instance
// reached directly, one behind nginx and three behind nginx, same machine, same run; then
// settlement-to-unlock with the reader's SSE on an instance that is not the leader, beside the
// same on the leader.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { startPostgresServer, type PostgresServer } from "@/test/support/postgres-server";
import { aliceSettings } from "@/test/support/regtest-network";
import { freePort, HEALTH_TOKEN } from "@/test/support/site-server";
import { type ClusterPageResult, formatClusterPagesTable, runClusterPages } from "./cluster-pages";
import { formatClusterUnlockTable, runClusterUnlock, type ClusterUnlockSample, type ClusterUnlockSummary, summarizeClusterUnlock } from "./cluster-unlock";
import type { BenchConfig } from "./config";
import { expect, type Scenario } from "./http-load";
import { type RegtestSession, useRegtest } from "./lnd-network";
import { BENCH_SERVER_ENV, getPage, hasArticleBody, insertArticles, newReaderCookie, PAID_PRICE_SATS, paywallInvoice, ROOT } from "./site";

export type ClusterResults = {
  connections: number;
  pages: ClusterPageResult[];
  unlock?: { paidPriceSats: number; perTarget: number; summary: ClusterUnlockSummary; samples: ClusterUnlockSample[] };
};

type Status = { instances: { id: string; port: number }[]; leaders: { job: string; instanceId: string }[] };
/** One `npm run cluster` of the bench: its own state folder and port. */
type Cluster = { env: NodeJS.ProcessEnv; dir: string; url: string };

let session: { pg?: PostgresServer; regtest?: RegtestSession; clusters: Cluster[] } = { clusters: [] };

function cluster(target: Cluster, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(ROOT, "scripts/cluster/cluster.mjs"), ...args], { cwd: ROOT, env: target.env, timeout: 180_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`npm run cluster -- ${args.join(" ")} failed: ${stderr || stdout}`)) : resolve(stdout),
    );
  });
}

const status = async (target: Cluster) => JSON.parse(await cluster(target, ["status", "--json"])) as Status;

async function startCluster(instances: number, shared: NodeJS.ProcessEnv): Promise<Cluster> {
  const port = await freePort();
  const dir = path.join(ROOT, ".test-tmp", `bench-cluster-${randomBytes(4).toString("hex")}`);
  const started: Cluster = { env: { ...shared, PORT: String(port), CLUSTER_DIR: dir }, dir, url: `http://127.0.0.1:${port}` };
  session.clusters.push(started);
  const output = await cluster(started, ["--instances", String(instances)]);
  console.log(`  ${output.split("\n").find((line) => line.startsWith("cluster ready"))}`);
  return started;
}

async function stopCluster(target: Cluster) {
  session.clusters = session.clusters.filter((other) => other !== target);
  await new Promise((resolve) => execFile(process.execPath, [path.join(ROOT, "scripts/cluster/cluster.mjs"), "stop"], { cwd: ROOT, env: target.env }, resolve));
  rmSync(target.dir, { recursive: true, force: true });
}

export async function runClusterBenchmark(config: BenchConfig): Promise<ClusterResults> {
  session.regtest = await useRegtest();
  console.log(session.regtest.alreadyRunning ? "  regtest   already running: left running at the end" : `  regtest   started in ${session.regtest.startSeconds.toFixed(1)}s: stopped at the end`);
  session.pg = await startPostgresServer();
  const admin = new Client({ connectionString: session.pg.url });
  await admin.connect();
  await admin.query("CREATE DATABASE bench");
  await admin.end();
  const databaseUrl = session.pg.url.replace(/\/postgres$/, "/bench");
  const shared = { ...process.env, ...aliceSettings(), ...BENCH_SERVER_ENV, LIGHTNING_ENV_FILE: "none", DATABASE_URL: databaseUrl, APP_SECRET: randomBytes(32).toString("hex"), HEALTH_TOKEN };

  // Both clusters run on one database through the page measurements (idle instances cost
  // little), so the setups can take turns; the single one stops before the unlock part.
  const single = await startCluster(1, shared);
  const articles = await insertArticles(databaseUrl);
  const triple = await startCluster(3, shared);
  // Readers made once through a proxy; their cookies hold on every instance (one APP_SECRET).
  const freeCookie = await newReaderCookie(single.url, articles.freePath);
  const unpaidCookie = await newReaderCookie(single.url, articles.paidPath);
  const unpaidInvoice = paywallInvoice(await getPage(single.url, articles.paidPath, unpaidCookie));
  const scenarios: Scenario[] = [
    { name: "free article", path: articles.freePath, cookie: freeCookie, verify: (html) => expect(hasArticleBody(html), "the article body") },
    {
      name: "paid, unpaid reader",
      path: articles.paidPath,
      cookie: unpaidCookie,
      verify: (html) => expect(!hasArticleBody(html) && unpaidInvoice !== null && paywallInvoice(html) === unpaidInvoice, "the paywall with the same pending invoice"),
    },
  ];
  const direct = (await status(single)).instances[0]!;
  const setups = [
    { name: "1 instance, direct", url: `http://127.0.0.1:${direct.port}` },
    { name: "1 instance behind nginx", url: single.url },
    { name: "3 instances behind nginx", url: triple.url },
  ];
  const pages = await runClusterPages(setups, scenarios, config);
  console.log(`\n${formatClusterPagesTable(pages)}\n`);
  await stopCluster(single);

  const perTarget = config.clusterPayments;
  const current = await waitForLeader(triple);
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

async function waitForLeader(target: Cluster): Promise<Status> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const current = await status(target);
    // Instance names repeat across the two clusters: only a leader among this one's counts.
    const leads = current.leaders.find((leader) => leader.job === "settlements");
    if (leads && current.instances.some((instance) => instance.id === leads.instanceId)) return current;
    if (Date.now() > deadline) throw new Error("no instance took the lead within 15 s");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Stops the clusters, the PostgreSQL server and (if this run started it) the regtest network. Idempotent. */
export async function stopClusterBench() {
  const { pg, regtest, clusters } = session;
  session = { clusters: [] };
  const releasing = regtest?.release();
  await Promise.all(clusters.map(stopCluster));
  pg?.stop();
  await releasing;
}
