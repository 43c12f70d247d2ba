#!/usr/bin/env node
// npm run cluster [-- --instances N]   N instances (CLUSTER_INSTANCES, default 3) behind nginx on $PORT
// npm run cluster -- status [--json]   instances, whether they answer, who leads
// npm run cluster -- stop              stops every instance and nginx; exits 0 when nothing runs
// State (pids, ports, logs, nginx's folder) in CLUSTER_DIR (default .cluster/). See README
// "Several instances (PostgreSQL)".
import { clusterDir, readState, removeState } from "./cluster-state.mjs";
import { clusterStatusReport, formatStatus } from "./cluster-status.mjs";
import { parseInstances, runningCluster, startCluster, stopStarted, UsageError } from "./start-cluster.mjs";

const USAGE = `usage: npm run cluster [-- --instances N]   start N instances (CLUSTER_INSTANCES, default 3) behind nginx on $PORT (default 3000)
       npm run cluster -- status [--json]     list the instances and which one leads
       npm run cluster -- stop                stop them and nginx`;

function parseArgs(argv) {
  const args = [...argv];
  const command = args[0] && !args[0].startsWith("-") ? args.shift() : "start";
  const options = { command, json: false, instances: process.env.CLUSTER_INSTANCES || "3" };
  while (args.length > 0) {
    const arg = args.shift();
    if (arg === "--json" && command === "status") options.json = true;
    else if ((arg === "--instances" || arg === "-n") && command === "start" && args.length > 0) options.instances = args.shift();
    else if (arg.startsWith("--instances=") && command === "start") options.instances = arg.slice("--instances=".length);
    else if (arg === "--help" || arg === "-h") options.command = "help";
    else throw new UsageError(`unknown argument "${arg}"\n${USAGE}`);
  }
  if (!["start", "status", "stop", "help"].includes(options.command)) throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  return options;
}

async function stop(dir) {
  const state = readState(dir);
  if (!state) {
    removeState(dir);
    console.log("no cluster running");
    return 0;
  }
  console.log(`stopping ${state.instances.length} instances and nginx (${state.proxy.url})`);
  if (!(await stopStarted(dir, state))) {
    console.error("some processes did not stop; see npm run cluster -- status");
    return 1;
  }
  console.log("cluster stopped");
  return 0;
}

async function status(dir, json) {
  const state = runningCluster(dir);
  if (!state) {
    if (json) console.log(JSON.stringify({ running: false }));
    else console.log("no cluster running");
    return 1;
  }
  const report = await clusterStatusReport(dir, state);
  console.log(json ? JSON.stringify({ running: true, ...report }) : formatStatus(report));
  return 0;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const dir = clusterDir();
  if (options.command === "help") return console.log(USAGE), 0;
  if (options.command === "stop") return stop(dir);
  if (options.command === "status") return status(dir, options.json);
  await startCluster({ instances: parseInstances(options.instances) });
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof UsageError ? error.message : `npm run cluster failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
