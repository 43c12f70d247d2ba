// Run as a separate process by the leadership tests: contends for a job's leader lease and
// prints LEADING/LOST lines (with the time) as leadership comes and goes, until killed.
import { startLeaderLease } from "@/lib/cluster/leader-lease";

const [connectionString, instanceId, pollMs] = process.argv.slice(2);
startLeaderLease({
  connectionString: connectionString!,
  job: "settlements",
  instanceId: instanceId!,
  pollMs: Number(pollMs),
  onAcquire: () => console.log(`LEADING ${Date.now()}`),
  onLose: () => console.log(`LOST ${Date.now()}`),
});
setInterval(() => {}, 60_000); // stay alive: the lease timers are unref'd
console.log("STARTED");
