import { spawn } from "node:child_process";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventBusFor } from "@/lib/events/event-bus";
import { createPostgresEventBus, type PostgresEventBus } from "@/lib/events/postgres-event-bus";
import { startPostgresServer, type PostgresServer } from "@/test/support/postgres-server";

// Two buses on one database, each with its own connections, as two instances would have.
let server: PostgresServer;
let a: PostgresEventBus;
let b: PostgresEventBus;
let admin: Client;

beforeAll(async () => {
  server = await startPostgresServer();
  a = createPostgresEventBus({ connectionString: server.url, instanceId: "bus-a" });
  b = createPostgresEventBus({ connectionString: server.url, instanceId: "bus-b" });
  await Promise.all([a.listening(), b.listening()]);
});

afterAll(async () => {
  await Promise.allSettled([a?.close(), b?.close(), admin?.end()]);
  server?.stop();
});

const adminClient = async () => {
  if (!admin) {
    admin = new Client({ connectionString: server.url });
    await admin.connect();
  }
  return admin;
};

const listenerPid = async (instance: string): Promise<number | undefined> => {
  const { rows } = await (await adminClient()).query<{ pid: number }>(
    "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query ILIKE 'LISTEN%'",
    [`lp-events ${instance}`],
  );
  return rows[0]?.pid;
};

/** Resolves with the next message on `topic` at `bus`, or rejects after `ms`. */
function next(bus: PostgresEventBus, topic: string, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (stop(), reject(new Error(`no message on ${topic} within ${ms} ms`))), ms);
    const stop = bus.subscribe(topic, (message) => (clearTimeout(timer), stop(), resolve(message)));
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the event bus on PostgreSQL", () => {
  it("is what eventBusFor picks for a postgresql:// URL, and the in-process bus for file:", async () => {
    const shared = eventBusFor(server.url, "bus-pick");
    expect("listening" in shared).toBe(true);
    await (shared as PostgresEventBus).close();
    expect("listening" in eventBusFor("file:./x.db")).toBe(false);
  });

  it("delivers a publish on A to B's subscribers, once to A's own, in order, for any topic", async () => {
    const topic = `payment-status:"quoted" ünïcode ${"x".repeat(200)}`;
    const atB: string[] = [];
    const atA: string[] = [];
    const stopB = b.subscribe(topic, (m) => atB.push(m));
    const stopA = a.subscribe(topic, (m) => atA.push(m));
    const other: string[] = [];
    const stopOther = b.subscribe("payment-status:other", (m) => other.push(m));
    for (const status of ["pending_payment", "complete", "expired"]) a.publish(topic, status);
    await waitFor("three messages at B", async () => (atB.length >= 3 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 200)); // time for a duplicate to show
    expect(atB).toEqual(["pending_payment", "complete", "expired"]);
    expect(atA).toEqual(["pending_payment", "complete", "expired"]); // local, and not again via NOTIFY
    expect(other).toEqual([]);
    stopA();
    stopB();
    stopOther();
  });

  it("reaches B from another process, which then exits by itself (the bus never holds a process open)", async () => {
    const arrived = next(b, "from-child", 10_000);
    const root = path.resolve(import.meta.dirname, "../..");
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "test/support/event-publisher.ts", server.url, "from-child", "hello"], { cwd: root, stdio: "inherit" });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const timer = setTimeout(() => child.kill("SIGKILL"), 8000);
    expect(await exited).toBe(0); // killed (null) if it hung
    clearTimeout(timer);
    expect(await arrived).toBe("hello");
  });

  it("refuses a message over NOTIFY's 8000-byte payload limit", () => {
    expect(() => a.publish("t", "x".repeat(8000))).toThrow(/too large for NOTIFY/);
    expect(() => a.publish("t", "x".repeat(7000))).not.toThrow();
  });

  it("crosses from A to B in well under 250 ms (p50/p99 printed)", async () => {
    const samples: number[] = [];
    for (let i = 0; i < 300; i++) {
      const arrived = next(b, `latency:${i}`);
      const sent = performance.now();
      a.publish(`latency:${i}`, String(i));
      expect(await arrived).toBe(String(i));
      samples.push(performance.now() - sent);
    }
    samples.sort((x, y) => x - y);
    const p = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
    console.log(`event bus A->B over LISTEN/NOTIFY: p50 ${p(0.5).toFixed(2)} ms, p99 ${p(0.99).toFixed(2)} ms, max ${p(1).toFixed(2)} ms (${samples.length} messages)`);
    expect(p(0.99)).toBeLessThan(250);
  });

  it("reconnects its LISTEN connection after pg_terminate_backend and delivers later messages", async () => {
    const before = await waitFor("B's LISTEN connection", () => listenerPid("bus-b"));
    await (await adminClient()).query("SELECT pg_terminate_backend($1)", [before]);
    const after = await waitFor("a new LISTEN connection", async () => {
      const pid = await listenerPid("bus-b");
      return pid && pid !== before ? pid : undefined;
    });
    expect(after).not.toBe(before);
    await b.listening();
    const arrived = next(b, "after-terminate");
    a.publish("after-terminate", "still here");
    expect(await arrived).toBe("still here");
  });

  it("reconnects after PostgreSQL restarts, on both sides (LISTEN and NOTIFY)", async () => {
    await admin.end();
    admin = undefined as unknown as Client;
    server.restart();
    // Keep publishing until one arrives: the first NOTIFYs may fail while the pool notices.
    let i = 0;
    await waitFor("a message after the restart", async () => {
      const arrived = next(b, "after-restart", 300);
      a.publish("after-restart", String(++i));
      return (await arrived.catch(() => undefined)) ? true : undefined;
    }, 20_000);
    const arrived = next(b, "after-restart-2");
    a.publish("after-restart-2", "ok");
    expect(await arrived).toBe("ok");
    expect(await listenerPid("bus-b")).toBeDefined();
  });
});
