import "server-only";
import { clusterDatabaseUrl, instanceId } from "@/lib/cluster/cluster-database";
import { startLeaderLease } from "@/lib/cluster/leader-lease";
import { getEnv } from "@/lib/env";

// Work that must run once per site, not once per instance (the settlement stream and its
// periodic re-check): on PostgreSQL it runs only while this instance holds the job's lease and
// is stopped the moment the lease is lost; on SQLite there is one process, so it simply runs.
type Work = { stop: () => void };
const globalForJobs = globalThis as unknown as { __leaderJobs?: Map<string, { stop: () => Promise<void> | void }> };

export function runOnLeader(job: string, start: () => Work, databaseUrl = clusterDatabaseUrl()): { stop: () => Promise<void> | void } {
  const jobs = (globalForJobs.__leaderJobs ??= new Map());
  const existing = jobs.get(job);
  if (existing) return existing;
  let handle: { stop: () => Promise<void> | void };
  if (!databaseUrl) {
    const work = start();
    handle = { stop: () => work.stop() };
  } else {
    let work: Work | undefined;
    const lease = startLeaderLease({
      connectionString: databaseUrl,
      job,
      instanceId: instanceId(),
      pollMs: getEnv().LEADER_POLL_SECONDS * 1000,
      onAcquire: () => (work = start()),
      onLose: () => {
        work?.stop();
        work = undefined;
      },
    });
    handle = { stop: () => lease.stop() };
  }
  const entry = {
    stop: () => {
      jobs.delete(job);
      return handle.stop();
    },
  };
  jobs.set(job, entry);
  return entry;
}
