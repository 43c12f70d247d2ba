import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { clusterStatus } from "@/lib/cluster/cluster-status-queries";
import { startNginx, type RunningNginx } from "@/scripts/cluster/nginx.mjs";
import { startPostgresServer, type PostgresServer } from "./postgres-server";
import { freePort, startSiteServer, type SiteServer } from "./site-server";
import { createPostgresDatabase, TEST_TMP } from "./test-database";

// Several production instances of ONE site on a private PostgreSQL server, behind nginx, as
// issue 12 deploys them: the fault tests kill instances and restart the database under load.
export type ClusterInstance = { id: string; server: SiteServer; alive: boolean };

export type SiteCluster = {
  /** The proxy's URL (every instance's SITE_URL). */
  url: string;
  databaseUrl: string;
  postgres: PostgresServer;
  instances: ClusterInstance[];
  instance(id: string): ClusterInstance;
  /** The instance leading the settlement stream now, per PostgreSQL's locks (undefined: none). */
  leader(): Promise<string | undefined>;
  /** Polls until an instance (other than `except`) leads; returns it and when it was first seen leading. */
  waitForLeader(options?: { except?: string; timeoutMs?: number; intervalMs?: number }): Promise<{ id: string; seenAt: number }>;
  /** SIGKILL: no shutdown hooks, its connections drop as in a crash. */
  kill(id: string): Promise<void>;
  /** Stops PostgreSQL (fast: every session is terminated), keeps it down for `downMs`, starts it again. */
  restartPostgres(downMs?: number): Promise<void>;
  logs(): string;
  stop(): Promise<void>;
};

/**
 * The fault tests' readers all come from 127.0.0.1, and a thousand of them within a minute: the
 * per-address and site-wide invoice caps (invoice-cap-queries.ts) would rightly refuse them.
 */
export const LOAD_TEST_LIMITS = { MAX_OPEN_INVOICES_PER_ADDRESS: "1000000", INVOICES_PER_MINUTE: "1000000" };

export async function startSiteCluster(options: { instances?: number; env?: Record<string, string> } = {}): Promise<SiteCluster> {
  const count = options.instances ?? 3;
  const postgres = await startPostgresServer();
  const stoppers: (() => Promise<unknown> | unknown)[] = [() => postgres.stop()];
  let admin: Client | undefined;
  let nginx: RunningNginx | undefined;
  const nginxDir = path.join(TEST_TMP, `nginx-${randomBytes(4).toString("hex")}`);
  const instances: ClusterInstance[] = [];
  const stop = async () => {
    await nginx?.stop();
    await Promise.allSettled(instances.map((instance) => instance.server.stop()));
    await admin?.end().catch(() => {});
    for (const stopper of stoppers) await stopper();
    rmSync(nginxDir, { recursive: true, force: true });
  };
  try {
    const { url: databaseUrl } = createPostgresDatabase("cluster", postgres.url);
    const appSecret = randomBytes(32).toString("hex");
    const proxyPort = await freePort();
    const proxyUrl = `http://127.0.0.1:${proxyPort}`;
    const servers = await Promise.all(
      Array.from({ length: count }, (_, index) =>
        startSiteServer({ databaseUrl, appSecret, env: { LEADER_POLL_SECONDS: "1", ...options.env, INSTANCE_ID: `i${index + 1}`, SITE_URL: proxyUrl } }),
      ),
    );
    servers.forEach((server, index) => instances.push({ id: `i${index + 1}`, server, alive: true }));
    mkdirSync(nginxDir, { recursive: true });
    nginx = await startNginx({ dir: nginxDir, port: proxyPort, upstreams: servers.map((server) => `127.0.0.1:${server.port}`) });
    admin = new Client({ connectionString: databaseUrl, application_name: "test-cluster-admin" });
    admin.on("error", () => {}); // dropped by restartPostgres; reconnected on the next leader() call
    await admin.connect();
  } catch (error) {
    await stop();
    throw error;
  }

  const instance = (id: string) => {
    const found = instances.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no instance ${id}`);
    return found;
  };
  const leader = async () => {
    try {
      const status = await admin!.query("SELECT 1").then(() => clusterStatus(admin!));
      return status.leaders.find((lead) => lead.job === "settlements")?.instanceId;
    } catch {
      // The admin connection died with a database restart: take a new one.
      await admin!.end().catch(() => {});
      admin = new Client({ connectionString: instances[0]!.server.databaseUrl, application_name: "test-cluster-admin" });
      admin.on("error", () => {});
      await admin.connect().catch(() => {});
      return undefined;
    }
  };

  return {
    url: nginx.url,
    databaseUrl: instances[0]!.server.databaseUrl,
    postgres,
    instances,
    instance,
    leader,
    async waitForLeader({ except, timeoutMs = 15_000, intervalMs = 25 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const id = await leader();
        if (id && id !== except) return { id, seenAt: Date.now() };
        if (Date.now() > deadline) throw new Error(`no instance${except ? ` other than ${except}` : ""} leads within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
      }
    },
    async kill(id) {
      const target = instance(id);
      await target.server.kill();
      target.alive = false;
    },
    async restartPostgres(downMs = 0) {
      await postgres.stopAsync();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await postgres.startAsync();
    },
    logs: () => instances.map(({ id, server }) => `--- ${id}\n${server.logs()}`).join("\n"),
    stop,
  };
}

/** Runs `task` over `items` with at most `limit` in flight; results in input order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
