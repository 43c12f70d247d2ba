import "server-only";
import type { Client, Pool } from "pg";
import { leaderLockKey } from "@/lib/cluster/leader-lease";

// Who runs and who leads, read from PostgreSQL's own views (for `npm run cluster -- status`):
// every instance's lease and event connections carry its id in application_name, and the
// leader's lease connection holds the job's advisory lock. Nothing is stored, so nothing goes
// stale when an instance is killed.
export const LEADER_JOBS = ["settlements", "withdrawals"] as const;

export type ClusterStatus = {
  instances: { instanceId: string; connectedSince: Date }[];
  leaders: { job: string; instanceId: string; since: Date | undefined; pid: number }[];
};

type Row = { pid: number; application_name: string; backend_start: Date; classid: string | null; objid: string | null };

export async function clusterStatus(db: Client | Pool, jobs: readonly string[] = LEADER_JOBS): Promise<ClusterStatus> {
  const { rows } = await db.query<Row>(
    `SELECT a.pid, a.application_name, a.backend_start, l.classid::text AS classid, l.objid::text AS objid
       FROM pg_stat_activity a
       LEFT JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
      WHERE a.application_name LIKE 'lp %' OR a.application_name LIKE 'lp-events %'
      ORDER BY a.backend_start`,
  );
  const instances = new Map<string, Date>();
  const leaders: ClusterStatus["leaders"] = [];
  for (const row of rows) {
    const [, instanceId, since] = /^lp(?:-events)? (\S+)(?: @(\d+))?$/.exec(row.application_name) ?? [];
    if (!instanceId) continue;
    if (!instances.has(instanceId)) instances.set(instanceId, row.backend_start);
    if (row.classid === null || row.objid === null) continue;
    const key = (BigInt(row.classid) << 32n) | BigInt(row.objid);
    const job = jobs.find((name) => leaderLockKey(name) === key);
    if (job) leaders.push({ job, instanceId, since: since ? new Date(Number(since) * 1000) : undefined, pid: row.pid });
  }
  return { instances: [...instances].map(([instanceId, connectedSince]) => ({ instanceId, connectedSince })), leaders };
}
