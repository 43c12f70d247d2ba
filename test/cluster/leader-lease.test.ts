import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { Client } from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clusterStatus } from "@/lib/cluster/cluster-status-queries";
import { startPostgresServer, type PostgresServer } from "@/test/support/postgres-server";

// Three contenders in three processes on one database, as three instances would be.
const root = path.resolve(import.meta.dirname, "../..");
const POLL_MS = 250;
const TAKEOVER_MS = 3000;

type Contender = { id: string; child: ChildProcess; leading: boolean; events: { kind: string; at: number }[] };
let server: PostgresServer;
let admin: Client;
let contenders: Contender[] = [];

beforeAll(async () => {
  server = await startPostgresServer();
  admin = new Client({ connectionString: server.url });
  await admin.connect();
});
afterEach(() => {
  for (const c of contenders) c.child.kill("SIGKILL");
  contenders = [];
});
afterAll(async () => {
  await admin?.end();
  server?.stop();
});

function contend(id: string): Contender {
  // `--import tsx`, not the tsx CLI (which runs a second process): kill -9 must kill the contender itself.
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/support/lease-contender.ts", server.url, id, String(POLL_MS)], {
    cwd: root,
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const contender: Contender = { id, child, leading: false, events: [] };
  let buffer = "";
  child.stdout!.on("data", (chunk) => {
    buffer += chunk;
    for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
      const [kind, at] = buffer.slice(0, nl).split(" ");
      buffer = buffer.slice(nl + 1);
      if (kind === "LEADING" || kind === "LOST") {
        contender.leading = kind === "LEADING";
        contender.events.push({ kind, at: Number(at) });
      }
    }
  });
  contenders.push(contender);
  return contender;
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const leaders = (among = contenders) => among.filter((c) => c.leading);
const oneLeader = (among?: Contender[]) => {
  const now = leaders(among);
  return now.length === 1 ? now[0] : undefined;
};

/** Exactly one leads, both by the contenders' own account and by PostgreSQL's, for a few polls. */
async function expectExactlyOneLeader(): Promise<Contender> {
  const leader = await waitFor("a leader", () => oneLeader());
  for (let i = 0; i < 6; i++) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS / 2));
    expect(leaders().map((c) => c.id)).toEqual([leader.id]);
  }
  const status = await clusterStatus(admin);
  expect(status.leaders.map((l) => [l.job, l.instanceId])).toEqual([["settlements", leader.id]]);
  expect(status.leaders[0]!.since).toBeInstanceOf(Date);
  return leader;
}

describe("leadership through a PostgreSQL advisory lock", () => {
  it("has exactly one leader among three; after kill -9 of the leader another leads within a few seconds", async () => {
    ["i1", "i2", "i3"].forEach(contend);
    const first = await expectExactlyOneLeader();
    const status = await clusterStatus(admin);
    expect(status.instances.map((i) => i.instanceId).sort()).toEqual(["i1", "i2", "i3"]);

    const killedAt = Date.now();
    first.child.kill("SIGKILL");
    const survivors = contenders.filter((c) => c !== first);
    const second = await waitFor("a new leader", () => oneLeader(survivors), TAKEOVER_MS);
    const takeover = second.events.at(-1)!.at - killedAt;
    console.log(`leadership: kill -9 of the leader -> ${second.id} leads after ${takeover} ms (poll ${POLL_MS} ms)`);
    expect(takeover).toBeLessThan(TAKEOVER_MS);
    contenders = survivors;
    await expectExactlyOneLeader();
    contenders.push(first); // so afterEach reaps it too
  });

  it("stops leading at once when its connection is terminated, and another takes over", async () => {
    ["j1", "j2", "j3"].forEach(contend);
    const first = await expectExactlyOneLeader();
    const [held] = (await clusterStatus(admin)).leaders;
    const terminatedAt = Date.now();
    await admin.query("SELECT pg_terminate_backend($1)", [held!.pid]);
    await waitFor("the old leader to notice", () => (first.leading ? undefined : true), 2000);
    const lostAfter = first.events.at(-1)!.at - terminatedAt;
    expect(first.events.at(-1)!.kind).toBe("LOST");
    expect(lostAfter).toBeLessThan(500);
    const second = await waitFor("a new leader", () => oneLeader(), TAKEOVER_MS);
    expect(second.id).not.toBe(first.id);
    console.log(`leadership: connection terminated -> leader stopped after ${lostAfter} ms, ${second.id} leads after ${second.events.at(-1)!.at - terminatedAt} ms`);
    await expectExactlyOneLeader();
  });

  it("keeps exactly one leader through a PostgreSQL restart", async () => {
    ["k1", "k2", "k3"].forEach(contend);
    const first = await expectExactlyOneLeader();
    await admin.end();
    server.restart();
    admin = new Client({ connectionString: server.url });
    await admin.connect();
    await waitFor("the old leader to stop", () => (first.leading ? undefined : true), 5000);
    await waitFor("a leader after the restart", () => oneLeader(), 10_000);
    await expectExactlyOneLeader();
  });
});
