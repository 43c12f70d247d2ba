import "server-only";
import { createHash } from "node:crypto";
import { Client } from "pg";
import { errorMessage, log } from "@/lib/log";

/**
 * Leadership of one job across every instance on a PostgreSQL database: a session advisory
 * lock (pg_try_advisory_lock) held on a dedicated connection. PostgreSQL grants it to exactly
 * one session and releases it when that session ends, so when the leader dies (kill -9, lost
 * network, pg_terminate_backend) its connection drops and the next contender's poll takes over
 * within LEADER_POLL_SECONDS. A lease that loses its connection stops leading AT ONCE (onLose)
 * rather than after a grace period: for a while two may act (the old one has not noticed yet),
 * which the work must tolerate (crediting is idempotent: one conditional UPDATE per transition).
 *
 * Who leads is visible in PostgreSQL itself, with nothing to clean up after a crash: the lease
 * connection's application_name is `lp <instance>` and, once leading, `lp <instance> @<epoch s>`
 * (cluster-status-queries.ts reads it with pg_locks).
 */
export type LeaderLease = { isLeader(): boolean; stop(): Promise<void> };

type Options = {
  connectionString: string;
  job: string;
  instanceId: string;
  pollMs: number;
  onAcquire: () => void;
  onLose: () => void;
};

/** The advisory lock key of a job: 63 bits of a hash, positive, so pg_locks' halves map back simply. */
export function leaderLockKey(job: string): bigint {
  return createHash("sha256").update(`lightning-press:leader:${job}`).digest().readBigUInt64BE(0) & 0x7fff_ffff_ffff_ffffn;
}

export function leaderApplicationName(instanceId: string, since?: Date): string {
  return (since ? `lp ${instanceId} @${Math.floor(since.getTime() / 1000)}` : `lp ${instanceId}`).slice(0, 63);
}

export function startLeaderLease({ connectionString, job, instanceId, pollMs, onAcquire, onLose }: Options): LeaderLease {
  const key = leaderLockKey(job).toString();
  let client: Client | undefined;
  let leader = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lastProblem = "";
  // A leader that just lost its connection is the likeliest to be in trouble: it sits out two
  // polls so a healthy contender takes over, instead of racing them for the lock.
  let resumeAt = 0;

  const lose = (reason: unknown) => {
    const dead = client;
    client = undefined;
    void dead?.end().catch(() => {});
    if (leader) {
      leader = false;
      resumeAt = Date.now() + 2 * pollMs;
      log.warn(`leadership of ${job} lost`, { instance: instanceId, reason: errorMessage(reason) });
      onLose();
    }
  };

  const poll = async () => {
    try {
      if (Date.now() < resumeAt) return;
      if (!client) {
        const next = new Client({ connectionString, application_name: leaderApplicationName(instanceId), keepAlive: true, connectionTimeoutMillis: pollMs * 2 + 1000, query_timeout: pollMs * 2 + 1000 });
        // An error or end on the lease connection means the lock is gone (or soon will be): stop now.
        next.on("error", (error) => client === next && lose(error));
        next.on("end", () => client === next && lose(new Error("lease connection ended")));
        client = next;
        await next.connect();
      }
      const current = client;
      if (leader) {
        await current.query("SELECT 1"); // a half-dead connection shows here, within the query timeout
      } else {
        const { rows } = await current.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [key]);
        if (rows[0]?.ok && client === current && !stopped) {
          leader = true;
          await current.query("SELECT set_config('application_name', $1, false)", [leaderApplicationName(instanceId, new Date())]);
          log.info(`leading ${job}`, { instance: instanceId });
          onAcquire();
        }
      }
      lastProblem = "";
    } catch (error) {
      const problem = errorMessage(error);
      if (problem !== lastProblem && !stopped) log.warn(`leader lease for ${job}: database unreachable; retrying`, { reason: problem });
      lastProblem = problem;
      lose(error);
    } finally {
      if (!stopped) {
        timer = setTimeout(() => void poll(), pollMs);
        timer.unref();
      }
    }
  };
  void poll();

  return {
    isLeader: () => leader,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const current = client;
      client = undefined;
      if (leader) {
        leader = false;
        onLose();
      }
      // Ending the session releases the lock; the next contender takes over at its next poll.
      await current?.end().catch(() => {});
    },
  };
}
