// The running cluster's record (`npm run cluster`): one JSON file in the state folder
// (CLUSTER_DIR, default .cluster/, gitignored) with the proxy, every instance's pid and port,
// and the database URL `status` needs. Written before anything is started and updated as it
// starts, so `stop` (or a failed start) can always find what runs. Mode 0600: the URL may hold
// the database password.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function clusterDir(env = process.env) {
  return path.resolve(ROOT, env.CLUSTER_DIR || ".cluster");
}

export const stateFile = (dir) => path.join(dir, "state.json");
export const nginxDir = (dir) => path.join(dir, "nginx");
export const logFile = (dir, instanceId) => path.join(dir, "logs", `${instanceId}.log`);

/** @returns {ClusterState | undefined} */
export function readState(dir) {
  const file = stateFile(dir);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

export function writeState(dir, state) {
  mkdirSync(dir, { recursive: true });
  const file = stateFile(dir);
  // Written whole then renamed: a reader never sees half a file.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function removeState(dir) {
  rmSync(stateFile(dir), { force: true });
  rmSync(nginxDir(dir), { recursive: true, force: true });
}

/** The database URL for people and logs: no password, no query string. */
export function redactDatabaseUrl(url) {
  try {
    const parsed = new URL(url);
    parsed.password = "";
    parsed.search = "";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "postgresql://(unparsable URL)";
  }
}

/**
 * Whether `pid` is still the process we started: alive (not a zombie), and its command line or
 * environment holds every marker (an instance's INSTANCE_ID and PORT, nginx's folder). A stale
 * state file (after a reboot) must not make `stop` signal an unrelated process that reused the
 * pid. The environment, because `next start` renames its process title (its command line).
 */
export function isOurs(pid, markers) {
  if (!pid) return false;
  try {
    const read = (name) => readFileSync(`/proc/${pid}/${name}`, "utf8");
    const cmdline = read("cmdline").split("\0").join(" ");
    const environ = new Set(read("environ").split("\0"));
    // NAME=value markers are environment entries; anything else is part of the command line.
    return [markers].flat().every((marker) => (/^[A-Z_]+=/.test(marker) ? environ.has(marker) : cmdline.includes(marker)));
  } catch {
    return false; // gone, or a zombie (its /proc files are empty or unreadable)
  }
}

/** What identifies an instance's process: its environment as we set it. */
export const instanceMarker = (instance) => [`INSTANCE_ID=${instance.id}`, `PORT=${instance.port}`];

/**
 * @typedef {{ id: string, port: number, pid?: number, log: string }} InstanceState
 * @typedef {{ version: 1, startedAt: string, proxy: { url: string, port: number, pid?: number },
 *   databaseUrl: string, database: string, instances: InstanceState[], ready: boolean }} ClusterState
 */
