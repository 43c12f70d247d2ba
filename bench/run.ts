// `npm run bench`: HTTP throughput of the article pages against a static baseline, and the
// settlement-to-unlock latency a reader sees in a browser, both on the built-in dev node; then
// the same site on a real LND regtest network (bench/lnd.ts). Prints the figures and writes them
// raw to bench/results/<timestamp>.json. Settings: see bench/config.ts (`npm run bench -- --help`).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type SiteServer, startSiteServer } from "@/test/support/site-server";
import { type ClusterResults, runClusterBenchmark, stopClusterBench } from "./cluster";
import { type BenchConfig, readConfig } from "./config";
import { formatHttpTable, type LoadResult, runHttpBenchmarks } from "./http-load";
import { runL402Benchmark } from "./l402-load";
import { type LndResults, lndPart } from "./lnd";
import { formatScaleTable, runScaleBenchmark, type ScaleResults, stopScaleServers } from "./scale";
import { BENCH_SERVER_ENV, currentBuildId, ensureProductionBuild, insertArticles, PAID_PRICE_SATS, removeDatabase, ROOT } from "./site";
import { formatSseTable, runSseBenchmark, sseLogs, type SseResults, stopSseBench } from "./sse-memory";
import { formatSignInTable, runSignInBenchmark, type SignInSample, summarizeSignIn, type SignInSummary } from "./sign-in-latency";
import { devWalletPayer, formatUnlockTable, runUnlockBenchmark, summarizeUnlock, type UnlockSample, type UnlockSummary } from "./unlock-latency";

type Results = {
  startedAt: string;
  finishedAt?: string;
  machine: ReturnType<typeof machineInfo>;
  git: { commit: string; dirty: boolean };
  buildId: string;
  /** Someone rebuilt .next during the run: the figures shared two cores with `next build`. */
  buildChangedDuringRun?: boolean;
  loadAverageAtEnd?: number[];
  config: BenchConfig;
  http?: LoadResult[];
  l402?: LoadResult[];
  unlock?: { paidPriceSats: number; summary: UnlockSummary; samples: UnlockSample[] };
  signIn?: { summary: SignInSummary; samples: SignInSample[] };
  lnd?: LndResults;
  scale?: ScaleResults;
  cluster?: ClusterResults;
  sse?: SseResults;
};

/** The site on the dev node, for the http and unlock parts. */
let server: SiteServer | undefined;
const lnd = lndPart();

async function main(config: BenchConfig) {
  const startedAt = new Date();
  const machine = machineInfo();
  const git = gitInfo();

  console.log("Lightning Press benchmark");
  console.log(`  machine   ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGiB} GiB, load avg ${machine.loadAverage.join(" ")}`);
  console.log(`  runtime   node ${machine.node} on ${machine.platform}`);
  console.log(`  commit    ${git.commit}${git.dirty ? " (uncommitted changes)" : ""}`);
  console.log(
    `  settings  ${config.durationS}s per HTTP scenario after ${config.warmupS}s warm-up, ${config.connections} connections, ${config.payments} browser payments`,
  );
  console.log(`            real LND: ${config.invoices} invoices per batch, ${config.lndPayments} browser payments from bob`);

  const buildId = await ensureProductionBuild();
  console.log(`  build     .next BUILD_ID ${buildId}`);
  const results: Results = { startedAt: startedAt.toISOString(), machine, git, buildId, config };

  if (config.parts.http || config.parts.unlock || config.parts.signin || config.parts.l402) await runDevNodeParts(config, results);
  if (config.parts.lnd) results.lnd = await lnd.run(config);
  if (config.parts.scale) {
    console.log(`Scale (pages on a 1,000-row database beside a ${config.scaleArticles.toLocaleString("en-US")}-article one; ${config.scaleRequests} sequential requests each, alternating)`);
    results.scale = await runScaleBenchmark({ requests: config.scaleRequests, articles: config.scaleArticles, payments: config.scalePayments });
    console.log(`\n${formatScaleTable(results.scale)}\n`);
  }
  if (config.parts.cluster) {
    console.log(`Cluster (npm run cluster on a private PostgreSQL, alice; autocannon ${config.connections} connections, ${config.warmupS}s warm-up + ${config.durationS}s per page and setup)`);
    results.cluster = await runClusterBenchmark(config);
  }
  if (config.parts.sse) {
    console.log(`SSE (${config.sseConnections} open payment streams on one next start, from a separate client process; ${config.payments} settlements timed with none open and with all open)`);
    results.sse = await runSseBenchmark(config.sseConnections, config.payments);
    console.log(`\n${formatSseTable(results.sse)}\n`);
  }

  results.finishedAt = new Date().toISOString();
  results.loadAverageAtEnd = machineInfo().loadAverage;
  results.buildChangedDuringRun = currentBuildId() !== buildId;
  if (results.buildChangedDuringRun) console.log("WARNING: .next was rebuilt during the run; a concurrent build skews these figures.");
  const file = writeResults(results, startedAt);
  console.log(`Raw figures: ${path.relative(process.cwd(), file)}`);
}

async function runDevNodeParts(config: BenchConfig, results: Results) {
  server = await startSiteServer({ env: BENCH_SERVER_ENV });
  const articles = await insertArticles(server.databaseUrl);
  console.log(`  server    ${server.url} (next start), free ${articles.freePath}, paid ${articles.paidPath} (${PAID_PRICE_SATS} sats)\n`);

  if (config.parts.http) {
    console.log(`HTTP throughput (autocannon, ${config.connections} connections, load generator on the same machine)`);
    results.http = await runHttpBenchmarks(server.url, articles, config);
    console.log(`\n${formatHttpTable(results.http)}\n`);
  }

  if (config.parts.l402) {
    console.log(`L402 verifications (autocannon, ${config.connections} connections; a valid credential, body served, beside a bare 200 of the same build)`);
    results.l402 = await runL402Benchmark(server.url, articles, config);
    console.log(`\n${formatHttpTable(results.l402)}\n`);
  }

  if (config.parts.unlock) {
    console.log(`Settlement to unlock (Chromium, ${config.payments} payments one after another, a new buyer each, 1 warm-up discarded)`);
    const samples = await runUnlockBenchmark(server.url, articles.paidPath, config.payments, devWalletPayer(server.url));
    const summary = summarizeUnlock(samples);
    results.unlock = { paidPriceSats: PAID_PRICE_SATS, summary, samples };
    console.log(`\n${formatUnlockTable(summary)}\n`);
  }

  if (config.parts.signin) {
    console.log(`Wallet sign-in over HTTP (LNURL-auth, ${config.signIns} sign-ins one after another, a new browser and key each, 1 warm-up discarded)`);
    const samples = await runSignInBenchmark(server.url, config.signIns);
    results.signIn = { summary: summarizeSignIn(samples), samples };
    console.log(`\n${formatSignInTable(results.signIn.summary)}\n`);
  }
  // Not left idling beside the real-LND part's own server.
  await stopDevServer();
}

function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    // The machine may be shared: a high load average explains noisy figures.
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

function gitInfo(): { commit: string; dirty: boolean } {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
  try {
    return { commit: git("rev-parse", "HEAD"), dirty: git("status", "--porcelain").length > 0 };
  } catch {
    return { commit: "unknown (not a git checkout)", dirty: false };
  }
}

function writeResults(results: Results, startedAt: Date): string {
  const dir = path.join(ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

async function stopDevServer() {
  const running = server;
  server = undefined;
  await running?.stop();
  if (running) removeDatabase(running.databaseUrl);
}

async function shutdown() {
  // The real-LND part first: its network stop must be under way at once (see LndPart.stop).
  await Promise.all([lnd.stop(), stopDevServer(), stopScaleServers(), stopClusterBench(), stopSseBench()]);
}

// Ctrl-C must not leave a `next start` behind holding a port, nor a regtest network this run
// started. (The browser is closed by runUnlockBenchmark's finally, and dies with this process anyway.)
let interrupted = false;
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the server${config?.parts.lnd ? " (and the regtest network if this run started it)" : ""}`);
    void shutdown().finally(() => process.exit(code));
  });
}

let config: BenchConfig;
try {
  config = readConfig();
} catch (error) {
  // A usage mistake: the message says it all, no stack trace.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

try {
  await main(config);
  await shutdown();
} catch (error) {
  // After Ctrl-C whatever was in flight fails because the server is going away: not worth
  // reporting; the signal handler stops the server and exits.
  if (!interrupted) {
    console.error(`\nBenchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    const logs = (server?.logs() || lnd.logs() || sseLogs()).trim();
    if (logs) console.error(`\nLast server output:\n${logs.split("\n").slice(-30).join("\n")}`);
    await shutdown().catch(() => {});
    process.exitCode = 1;
  }
}
