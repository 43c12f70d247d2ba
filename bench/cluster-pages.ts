// Page throughput of the cluster setups (one instance reached directly, one behind nginx,
// three behind nginx), measured in two passes, the second in reverse order (A B C, C B A), so a
// load that drifts on a shared machine weighs on every setup alike; each pass runs half the
// configured duration and the two are averaged.
import os from "node:os";
import type { BenchConfig } from "./config";
import { type LoadResult, measureScenario, type Scenario } from "./http-load";
import { fmt, table } from "./stats";

export type Setup = { name: string; url: string };
/** Both passes of one page on one setup; loadAverage: the 1-minute load when each pass began. */
export type ClusterPageResult = LoadResult & { setup: string; passes: LoadResult[]; loadAverage: number[] };

export async function runClusterPages(setups: Setup[], scenarios: Scenario[], config: BenchConfig): Promise<ClusterPageResult[]> {
  const half = { ...config, durationS: Math.max(1, Math.round(config.durationS / 2)) };
  const passes = new Map<string, { setup: string; runs: LoadResult[]; loads: number[] }>();
  for (const order of [setups, [...setups].reverse()]) {
    for (const setup of order) {
      const load = Math.round(os.loadavg()[0]! * 100) / 100;
      console.log(`  ${setup.name} (load average ${load})`);
      for (const scenario of scenarios) {
        const key = `${setup.name}\n${scenario.name}`;
        const entry = passes.get(key) ?? { setup: setup.name, runs: [], loads: [] };
        entry.runs.push(await measureScenario(setup.url, scenario, half));
        entry.loads.push(load);
        passes.set(key, entry);
      }
    }
  }
  // In the order of `setups`, then `scenarios`.
  return setups.flatMap((setup) =>
    scenarios.map((scenario) => {
      const { runs, loads } = passes.get(`${setup.name}\n${scenario.name}`)!;
      return { ...combine(runs), setup: setup.name, passes: runs, loadAverage: loads };
    }),
  );
}

function combine(runs: LoadResult[]): LoadResult {
  const mean = (pick: (run: LoadResult) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
  const sum = (pick: (run: LoadResult) => number) => runs.reduce((total, run) => total + pick(run), 0);
  const statusCodes: Record<string, number> = {};
  for (const run of runs) for (const [code, count] of Object.entries(run.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  return {
    name: runs[0]!.name,
    path: runs[0]!.path,
    requestsPerSecond: mean((run) => run.requestsPerSecond),
    // Percentiles of the two passes averaged (each pass's own distribution is in `passes`).
    latencyMs: {
      mean: mean((run) => run.latencyMs.mean),
      p50: mean((run) => run.latencyMs.p50),
      p90: mean((run) => run.latencyMs.p90),
      p99: mean((run) => run.latencyMs.p99),
      max: Math.max(...runs.map((run) => run.latencyMs.max)),
    },
    requests: sum((run) => run.requests),
    non2xx: sum((run) => run.non2xx),
    errors: sum((run) => run.errors),
    timeouts: sum((run) => run.timeouts),
    statusCodes,
  };
}

/** Each page on each setup, with req/s against the first setup (one instance reached directly). */
export function formatClusterPagesTable(results: readonly ClusterPageResult[]): string {
  const baseline = (name: string) => results.find((result) => result.name === name)!;
  return table(
    ["page", "setup", "req/s", "vs 1 direct", "pass 1", "pass 2", "p50 ms", "p99 ms", "non-2xx", "errors", "load avg"],
    results.map((result) => [
      result.name,
      result.setup,
      fmt(result.requestsPerSecond, 0),
      `${fmt((result.requestsPerSecond / baseline(result.name).requestsPerSecond) * 100, 0)}%`,
      fmt(result.passes[0]?.requestsPerSecond, 0),
      fmt(result.passes[1]?.requestsPerSecond, 0),
      fmt(result.latencyMs.p50, 1),
      fmt(result.latencyMs.p99, 1),
      String(result.non2xx),
      String(result.errors + result.timeouts),
      result.loadAverage.map((load) => fmt(load, 1)).join(" / "),
    ]),
  );
}
