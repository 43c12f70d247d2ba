import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, disconnectDb } from "@/lib/db/client";
import { resetEnvForTests } from "@/lib/env";
import { resetLightningForTests } from "@/lib/lightning/lightning";
import { bobWallet } from "@/test/support/bob-wallet";
import { aliceNode, expectBooksMatchNode } from "@/test/support/books";
import { createArticle, waitFor } from "@/test/support/fixtures";
import { get } from "@/test/support/http";
import { startPostgresServer, type PostgresServer } from "@/test/support/postgres-server";
import { newReaderInvoice } from "@/test/support/reader";
import { aliceSettings } from "@/test/support/regtest-network";
import { freePort, HEALTH_TOKEN, healthDetails } from "@/test/support/site-server";

// `npm run cluster` itself, run as a user runs it: PostgreSQL (a private server), the
// production build, three instances on alice behind nginx; then status, a purchase through
// the proxy, kill -9 of the leader, stop.
const root = path.resolve(import.meta.dirname, "../..");
const PASSWORD = "cluster-test-password";
let pg: PostgresServer;
let databaseUrl: string;
let port: number;
let clusterDir: string;
let env: NodeJS.ProcessEnv;

type Status = {
  running: boolean;
  proxy: { url: string; pid: number; running: boolean; answering: boolean };
  instances: { id: string; pid: number; port: number; running: boolean; answering: boolean; leads: { job: string }[] }[];
  jobs: string[];
  leaders: { job: string; instanceId: string }[];
};

function cluster(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, "scripts/cluster/cluster.mjs"), ...args], { cwd: root, env: { ...env, ...extraEnv }, timeout: 150_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function status(): Promise<Status> {
  const { stdout } = await cluster(["status", "--json"]);
  return JSON.parse(stdout) as Status;
}

const settlementLeaders = (report: Status) => report.leaders.filter((leader) => leader.job === "settlements");

const listening = (target: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port: target }, () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

const alive = (pid: number) => {
  try {
    return !readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.startsWith("Z");
  } catch {
    return false;
  }
};

beforeAll(async () => {
  pg = await startPostgresServer();
  const admin = new Client({ connectionString: pg.url });
  await admin.connect();
  await admin.query("CREATE DATABASE press");
  await admin.end();
  // The private server trusts local connections; the password is there to prove it is never printed.
  databaseUrl = pg.url.replace("postgresql://postgres@", `postgresql://postgres:${PASSWORD}@`).replace(/\/postgres$/, "/press");
  port = await freePort();
  clusterDir = path.join(root, ".test-tmp", `cluster-${randomBytes(4).toString("hex")}`);
  env = {
    ...process.env,
    ...aliceSettings(),
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    CLUSTER_DIR: clusterDir,
    APP_SECRET: randomBytes(32).toString("hex"),
    HEALTH_TOKEN,
    LEADER_POLL_SECONDS: "0.5",
  };
  // This process writes articles into the cluster's database and reads what it credited.
  await disconnectDb();
  process.env.DATABASE_URL = databaseUrl;
  process.env.APP_SECRET = env.APP_SECRET;
  resetEnvForTests();
  resetLightningForTests();
});

afterAll(async () => {
  if (clusterDir) await cluster(["stop"]);
  await disconnectDb();
  pg?.stop();
  if (clusterDir) rmSync(clusterDir, { recursive: true, force: true });
});

describe("npm run cluster", () => {
  it("refuses a SQLite DATABASE_URL with a clear message, starting nothing", async () => {
    const refused = await cluster([], { DATABASE_URL: "file:./data/cluster-refused.db", CLUSTER_DIR: `${clusterDir}-sqlite` });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/needs PostgreSQL: DATABASE_URL is a SQLite file/);
    expect(existsSync(path.join(`${clusterDir}-sqlite`, "state.json"))).toBe(false);
    rmSync(`${clusterDir}-sqlite`, { recursive: true, force: true });
  });

  it("migrates, starts three instances behind nginx on $PORT and prints one ready line without the password", async () => {
    const started = await cluster([]);
    expect(started.stderr).toBe("");
    expect(started.code).toBe(0);
    const ready = started.stdout.split("\n").filter((line) => line.startsWith("cluster ready:"));
    expect(ready).toEqual([`cluster ready: http://127.0.0.1:${port} (3 instances, postgresql://postgres@${new URL(databaseUrl).host}/press)`]);
    expect(started.stdout).not.toContain(PASSWORD);
    // A second start while it runs says so and starts nothing.
    const again = await cluster([]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`a cluster is already running: http://127.0.0.1:${port} (3 instances`);
  });

  it("balances requests through the proxy over all three instances", async () => {
    const answeredBy = new Set<string>();
    // least_conn among idle instances goes round robin (per nginx worker): a few rounds see all three.
    for (let i = 0; i < 30 && answeredBy.size < 3; i++) {
      const response = await get(`http://127.0.0.1:${port}/api/health`, { headers: healthDetails });
      expect(response.status).toBe(200);
      answeredBy.add((JSON.parse(response.text) as { instance: string }).instance);
    }
    expect([...answeredBy].sort()).toEqual(["instance-1", "instance-2", "instance-3"]);
  });

  it("status lists the three instances, answering, and exactly one leader per once-per-site job", async () => {
    const report = await waitFor(async () => {
      const current = await status();
      return current.jobs.every((job) => current.leaders.some((leader) => leader.job === job)) ? current : null;
    });
    expect(report.jobs).toContain("settlements");
    for (const job of report.jobs) expect(report.leaders.filter((leader) => leader.job === job)).toHaveLength(1);
    expect(report.instances.map((instance) => [instance.id, instance.running, instance.answering])).toEqual([
      ["instance-1", true, true],
      ["instance-2", true, true],
      ["instance-3", true, true],
    ]);
    expect(report.proxy.answering).toBe(true);
    expect(report.instances.filter((instance) => instance.leads.some((lead) => lead.job === "settlements"))).toHaveLength(1);
    const text = await cluster(["status"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`${settlementLeaders(report)[0]!.instanceId}\\s+\\d+\\s+\\d+\\s+yes\\s+.*settlements since`));
  });

  it("takes a purchase through the proxy paid by bob on alice, credited once", async () => {
    const { id, slug } = await createArticle({ priceSats: 150, body: "Sold by a cluster." });
    const reader = await newReaderInvoice(`http://127.0.0.1:${port}`, slug);
    expect(reader.html).not.toContain("Sold by a cluster.");
    await bobWallet().pay(reader.invoice);
    const payment = await waitFor(async () => (await db().payment.findFirst({ where: { paymentRequest: reader.invoice, status: "complete" } })) ?? null, { timeoutMs: 20_000, intervalMs: 100 });
    expect((await get(`http://127.0.0.1:${port}/articles/${slug}`, { cookie: reader.cookie })).text).toContain("Sold by a cluster.");
    expect(await db().payment.count({ where: { articleId: id, status: "complete" } })).toBe(1);
    const entries = await db().ledgerEntry.findMany({ where: { journal: `payment:${payment.id}` } });
    expect(entries.filter((entry) => entry.kind === "received")).toHaveLength(1);
    expect(entries.reduce((sum, entry) => sum + entry.amountMsats, 0n)).toBe(0n);
    await expectBooksMatchNode(aliceNode());
  });

  it("after kill -9 of the leader, status shows another instance leading within a few seconds", async () => {
    const before = await status();
    const leaderId = settlementLeaders(before)[0]!.instanceId;
    const leader = before.instances.find((instance) => instance.id === leaderId)!;
    process.kill(leader.pid, "SIGKILL");
    const killedAt = Date.now();
    const after = await waitFor(
      async () => {
        const current = await status();
        const leaders = settlementLeaders(current);
        return leaders.length === 1 && leaders[0]!.instanceId !== leaderId ? current : null;
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    console.log(`new leader ${settlementLeaders(after)[0]!.instanceId} in ${Date.now() - killedAt} ms (status polled, LEADER_POLL_SECONDS=0.5)`);
    expect(after.instances.find((instance) => instance.id === leaderId)).toMatchObject({ running: false, answering: false });
    // The proxy keeps serving from the survivors.
    for (let i = 0; i < 4; i++) expect((await get(`http://127.0.0.1:${port}/about`)).status).toBe(200);
  });

  it("stop ends every process and frees the port; stop again is a no-op", async () => {
    const before = await status();
    const pids = [before.proxy.pid, ...before.instances.map((instance) => instance.pid)];
    const stopped = await cluster(["stop"]);
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain("cluster stopped");
    expect(pids.filter(alive)).toEqual([]);
    expect(await listening(port)).toBe(false);
    for (const instance of before.instances) expect(await listening(instance.port)).toBe(false);
    expect(existsSync(path.join(clusterDir, "state.json"))).toBe(false);
    expect(await cluster(["stop"])).toMatchObject({ code: 0, stdout: "no cluster running\n" });
    expect((await cluster(["status"])).code).toBe(1);
  });
});
