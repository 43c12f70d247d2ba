// Many waiting readers: N open payment-status streams (SSE) on one `next start` of the
// production build, held by a separate client process (bench/sse-clients.ts) so only the site's
// memory is counted. Reports the site's RSS idle, with N open and after they close, the time to
// open them, and settlement-to-event latency with none open beside the same with N open.
import { type ChildProcess, fork } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { newReaderInvoice } from "@/test/support/reader";
import { paymentIdIn } from "@/test/support/http";
import { healthDetails, type SiteServer, startSiteServer } from "@/test/support/site-server";
import type { ClientCommand, ClientReport } from "./sse-clients";
import { insertWaitingPayments, openFilesLimit, treeRssMb } from "./sse-data";
import { openStatusStream } from "./sse-stream";
import { BENCH_SERVER_ENV, insertArticles, payInvoice, removeDatabase, ROOT } from "./site";
import { type Distribution, distribution, fmt, latencyTable, table } from "./stats";

export type SseResults = {
  connections: number;
  openMs: number;
  failed: number;
  rssMb: { idle: number; open: number; afterClose: number };
  /** The server's own count (health details) with all open, and once the client has closed them. */
  serverStreams: { open: number; afterClose: number; releaseMs: number };
  mbPer1000: number;
  latency: { noneOpen: Distribution; allOpen: Distribution };
};

// Streams being set up at once by the client (browsers arriving together).
const OPEN_CONCURRENCY = 200;
// Let timers, GC and the allocator settle before reading RSS.
const SETTLE_MS = 5000;

let server: SiteServer | undefined;
let client: ChildProcess | undefined;

export async function runSseBenchmark(connections: number, samples: number): Promise<SseResults> {
  const limit = openFilesLimit();
  if (limit < connections + 1000) throw new Error(`${connections} connections need ulimit -n >= ${connections + 1000} (now ${limit}); raise it or pass a smaller --sse-connections`);
  server = await startSiteServer({ env: BENCH_SERVER_ENV });
  const pid = server.pid()!;
  const articles = await insertArticles(server.databaseUrl);
  const slug = articles.paidPath.replace("/articles/", "");
  const streams = await insertWaitingPayments(server.databaseUrl, server.appSecret, slug, connections);
  console.log(`  server    ${server.url} (next start, pid ${pid}), ${connections} waiting payments inserted`);

  const agent = new http.Agent({ keepAlive: true });
  const noneOpen = await settlementLatency(server.url, slug, samples, agent, "none open");
  await sleep(SETTLE_MS);
  const idle = treeRssMb(pid);

  client = fork(path.join(ROOT, "bench/sse-clients.ts"), { execArgv: ["--import", "tsx"], cwd: ROOT, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const opened = await ask(client, { cmd: "open", url: server.url, streams, concurrency: OPEN_CONCURRENCY });
  if (opened.type !== "opened") throw new Error("unexpected client report");
  console.log(`  opened    ${opened.open} streams in ${(opened.ms / 1000).toFixed(1)} s${opened.failed ? `, ${opened.failed} FAILED (first: ${opened.firstError})` : ""}`);
  await sleep(SETTLE_MS);
  const open = treeRssMb(pid);
  const streamsOpen = (await serverStreams(server.url)).streams;
  const allOpen = await settlementLatency(server.url, slug, samples, agent, `${opened.open} open`);

  await ask(client, { cmd: "close" });
  client = undefined;
  const released = await waitForRelease(server.url);
  await sleep(SETTLE_MS);
  const afterClose = treeRssMb(pid);
  agent.destroy();
  await stopSseBench();

  return {
    connections: opened.open,
    openMs: opened.ms,
    failed: opened.failed,
    rssMb: { idle, open, afterClose },
    serverStreams: { open: streamsOpen, afterClose: released.streams, releaseMs: released.ms },
    mbPer1000: opened.open ? ((open - idle) / opened.open) * 1000 : Number.NaN,
    latency: { noneOpen, allOpen },
  };
}

/** `count` new readers, one after another: stream open, pay with the dev wallet, time "complete" from settledAt. */
async function settlementLatency(url: string, slug: string, count: number, agent: http.Agent, label: string): Promise<Distribution> {
  const latencies: number[] = [];
  // One discarded warm-up: the first stream pays for loading the route.
  for (let i = 0; i <= count; i++) {
    const reader = await retryOnce(() => newReaderInvoice(url, slug));
    const stream = openStatusStream(`${url}/api/payments/${paymentIdIn(reader.html)}/events`, reader.cookie, agent);
    try {
      const first = await stream.opened;
      if (first !== "pending_payment") throw new Error(`stream opened with "${first}"`);
      const payment = await payInvoice(url, reader.invoice);
      const at = await stream.statusAt("complete");
      if (i > 0) latencies.push(at - payment.settledAt);
    } finally {
      stream.close();
    }
    if (i % 20 === 0 || i === count) process.stdout.write(`\r  latency   ${i}/${count} payments (${label})`);
  }
  process.stdout.write("\n");
  return distribution(latencies);
}

/**
 * fetch reuses keep-alive sockets, and the server closes idle ones after 5 s: the first request
 * after a pause (inserting rows, letting RSS settle) can land on a closed one. Retried once.
 */
async function retryOnce<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return call();
  }
}

async function serverStreams(url: string): Promise<{ streams: number; payments: number }> {
  const response = await retryOnce(() => fetch(`${url}/api/health`, { headers: healthDetails }));
  return ((await response.json()) as { sse: { streams: number; payments: number } }).sse;
}

/** Polls the server's count of open streams until none is left (a leak would stay), for up to 60 s. */
async function waitForRelease(url: string): Promise<{ streams: number; ms: number }> {
  const started = performance.now();
  for (;;) {
    const { streams } = await serverStreams(url);
    if (streams === 0 || performance.now() - started > 60_000) return { streams, ms: performance.now() - started };
    await sleep(200);
  }
}

function ask(child: ChildProcess, command: ClientCommand): Promise<ClientReport> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`SSE client exited with ${code}`));
    child.once("exit", onExit);
    child.once("message", (report: ClientReport) => {
      child.off("exit", onExit);
      resolve(report);
    });
    child.send(command);
  });
}

export function formatSseTable(results: SseResults): string {
  const { rssMb } = results;
  const memory = table(
    ["site process (next start)", "value"],
    [
      ["RSS idle, none open (MB)", fmt(rssMb.idle)],
      [`RSS with ${results.connections} open (MB)`, fmt(rssMb.open)],
      ["  MB per 1,000 open streams", fmt(results.mbPer1000, 2)],
      ["RSS 5 s after all closed (MB)", fmt(rssMb.afterClose)],
      ["streams the server counted open", String(results.serverStreams.open)],
      ["  still open after the client closed", String(results.serverStreams.afterClose)],
      ["  time until all released (ms)", fmt(results.serverStreams.releaseMs, 0)],
      [`time to open ${results.connections} (s)`, fmt(results.openMs / 1000, 1)],
      ["streams that failed to open", String(results.failed)],
    ],
  );
  const latency = latencyTable([
    ["settledAt -> event, none open", results.latency.noneOpen],
    [`settledAt -> event, ${results.connections} open`, results.latency.allOpen],
  ]);
  return `${memory}\n\n${latency}`;
}

export const sseLogs = () => server?.logs() ?? "";

export async function stopSseBench() {
  client?.kill();
  client = undefined;
  const running = server;
  server = undefined;
  await running?.stop();
  if (running) removeDatabase(running.databaseUrl);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
