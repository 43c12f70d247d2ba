// `npm run cluster -- status`: each instance (id, pid, port, answering or not) and who leads
// the once-per-site jobs, read from PostgreSQL itself (scripts/cluster/cluster-leaders.ts runs
// lib/cluster/cluster-status-queries.ts), so a killed leader shows as gone at once.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { instanceMarker, isOurs, nginxDir, ROOT } from "./cluster-state.mjs";
import { answers } from "./instances.mjs";

const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

/** PostgreSQL's view: { jobs, instances: [{instanceId, connectedSince}], leaders: [{job, instanceId, since, pid}] } or { error }. */
export function databaseView(databaseUrl) {
  const result = spawnSync(process.execPath, [TSX, "--conditions=react-server", path.join(ROOT, "scripts", "cluster", "cluster-leaders.ts")], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LIGHTNING_ENV_FILE: "none" },
    encoding: "utf8",
    timeout: 30_000,
  });
  if (result.status !== 0) return { error: (result.stderr || result.error?.message || "cluster status query failed").trim().split("\n").pop() };
  return JSON.parse(result.stdout.trim().split("\n").pop());
}

export async function clusterStatusReport(dir, state) {
  const view = databaseView(state.databaseUrl);
  const instances = await Promise.all(
    state.instances.map(async (instance) => {
      const running = isOurs(instance.pid, instanceMarker(instance));
      return {
        id: instance.id,
        pid: instance.pid,
        port: instance.port,
        running,
        answering: running && (await answers(instance.port)),
        connected: view.instances?.some((seen) => seen.instanceId === instance.id) ?? false,
        leads: (view.leaders ?? []).filter((leader) => leader.instanceId === instance.id).map((leader) => ({ job: leader.job, since: leader.since })),
      };
    }),
  );
  const ours = new Set(state.instances.map((instance) => instance.id));
  return {
    proxy: { url: state.proxy.url, pid: state.proxy.pid, running: isOurs(state.proxy.pid, nginxDir(dir)), answering: await answers(state.proxy.port) },
    database: state.database,
    ready: state.ready,
    instances,
    jobs: view.jobs ?? [],
    leaders: view.leaders ?? [],
    // Instances of other processes on the same database (another cluster, an `npm start`).
    others: (view.instances ?? []).map((seen) => seen.instanceId).filter((id) => !ours.has(id)),
    ...(view.error ? { databaseError: view.error } : {}),
  };
}

export function formatStatus(report) {
  const yes = (value) => (value ? "yes" : "no");
  const time = (iso) => (iso ? new Date(iso).toISOString().slice(11, 19) : "?");
  const lines = [
    `proxy     ${report.proxy.url} (nginx pid ${report.proxy.pid ?? "-"}, ${report.proxy.answering ? "answering" : report.proxy.running ? "NOT answering" : "NOT running"})`,
    `database  ${report.database}${report.databaseError ? ` (unreachable: ${report.databaseError})` : ""}`,
    "",
  ];
  const rows = [["instance", "pid", "port", "answering", "leads"]];
  for (const instance of report.instances) {
    const leads = instance.leads.map((lead) => `${lead.job} since ${time(lead.since)}`).join(", ");
    rows.push([instance.id, String(instance.pid ?? "-"), String(instance.port), instance.running ? yes(instance.answering) : "no (exited)", leads || "-"]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) lines.push(row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd());
  const led = new Set(report.leaders.map((leader) => leader.job));
  for (const job of report.jobs.filter((name) => !led.has(name))) lines.push(`${job}: no leader right now (an instance takes the lead within LEADER_POLL_SECONDS)`);
  for (const leader of report.leaders.filter((leader) => !report.instances.some((instance) => instance.id === leader.instanceId))) {
    lines.push("", `${leader.job} is led by ${leader.instanceId}, outside this cluster`);
  }
  if (report.others.length > 0) lines.push(`also on this database: ${report.others.join(", ")}`);
  return lines.join("\n");
}
