import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaderApplicationName, startLeaderLease } from "@/lib/cluster/leader-lease";
import { runOnLeader } from "@/lib/cluster/leader-only";
import { resetEnvForTests } from "@/lib/env";
import { startPostgresServer, type PostgresServer } from "@/test/support/postgres-server";

// The wiring startup.ts uses for the settlement watcher (and its periodic re-check).
let server: PostgresServer;
let admin: Client;

beforeAll(async () => {
  process.env.LEADER_POLL_SECONDS = "0.2";
  process.env.INSTANCE_ID = "wired";
  resetEnvForTests();
  server = await startPostgresServer();
  admin = new Client({ connectionString: server.url });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  server?.stop();
});

async function waitFor(what: string, probe: () => boolean, ms = 5000) {
  const until = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function work() {
  const state = { starts: 0, stops: 0, running: () => state.starts > state.stops };
  const start = () => {
    state.starts++;
    return { stop: () => void state.stops++ };
  };
  return { state, start };
}

describe("leader-only work", () => {
  it("on SQLite (no PostgreSQL URL) runs at once, as before", async () => {
    const { state, start } = work();
    const handle = runOnLeader("sqlite-job", start, undefined);
    expect(state.starts).toBe(1);
    await handle.stop();
    expect(state.stops).toBe(1);
  });

  it("on PostgreSQL runs only while this instance leads, and stops the moment the lease connection is lost", async () => {
    const { state, start } = work();
    // Another instance leads first: our work must not start.
    let otherLeads = false;
    const other = startLeaderLease({ connectionString: server.url, job: "wired-job", instanceId: "other", pollMs: 100, onAcquire: () => (otherLeads = true), onLose: () => (otherLeads = false) });
    await waitFor("the other instance to lead", () => otherLeads);
    const handle = runOnLeader("wired-job", start, server.url);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(state.starts).toBe(0);

    await other.stop();
    await waitFor("our work to start", () => state.running());
    expect(state.starts).toBe(1);

    // Kill our lease connection: the work stops at once, and starts again once we lead again.
    const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE application_name LIKE $1", [`${leaderApplicationName("wired")} @%`]);
    expect(rows).toHaveLength(1);
    await admin.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    await waitFor("our work to stop", () => !state.running(), 1000);
    await waitFor("our work to start again", () => state.running());
    expect(state.starts).toBe(2);
    await handle.stop();
    expect(state.running()).toBe(false);
  });
});
