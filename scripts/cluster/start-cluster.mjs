// `npm run cluster`: PostgreSQL (DATABASE_URL, or Debian's local server started when needed),
// migrations once, N detached `next start` instances, nginx in front on $PORT. Returns after
// printing `cluster ready: …` once every instance and the proxy answer; `stop` ends it all.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareDatabase } from "../prepare-database.mjs";
import { ensureLocalPostgres } from "../pg/ensure-postgres.mjs";
import { clusterDir, instanceMarker, isOurs, logFile, nginxDir, readState, redactDatabaseUrl, removeState, ROOT, writeState } from "./cluster-state.mjs";
import { answers, freePort, instanceEnv, portInUse, spawnInstance, stopProcesses, waitForInstances } from "./instances.mjs";
import { startNginx, stopNginx } from "./nginx.mjs";

export const MAX_INSTANCES = 32;
/** The local server's database when DATABASE_URL is not set (the tests use paywall_test). */
const LOCAL_DATABASE = "paywall";

export class UsageError extends Error {}

/** DATABASE_URL, refused when SQLite; else the local PostgreSQL, started if it is not running. */
export function clusterDatabaseUrl(env = process.env) {
  const url = env.DATABASE_URL?.trim();
  if (url && /^file:/.test(url)) {
    throw new UsageError(
      `npm run cluster needs PostgreSQL: DATABASE_URL is a SQLite file (${url}), which only one process may use.\n` +
        "Unset DATABASE_URL to use the local PostgreSQL server (Debian package, started if needed), or set DATABASE_URL=postgresql://user:password@host/db.",
    );
  }
  if (url && !/^postgres(ql)?:\/\//.test(url)) throw new UsageError(`DATABASE_URL must be a postgresql:// URL for npm run cluster, got ${redactDatabaseUrl(url)}`);
  return url || ensureLocalPostgres(LOCAL_DATABASE);
}

export function parseInstances(value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_INSTANCES) throw new UsageError(`--instances / CLUSTER_INSTANCES must be a whole number from 1 to ${MAX_INSTANCES}, got "${value}"`);
  return n;
}

function parsePort(value) {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new UsageError(`PORT must be a port number, got "${value}"`);
  return port;
}

/** Anything of a cluster still running from this folder: its proxy URL, else undefined. */
export function runningCluster(dir) {
  const state = readState(dir);
  if (!state) return undefined;
  const running = state.instances.some((instance) => isOurs(instance.pid, instanceMarker(instance))) || isOurs(state.proxy.pid, nginxDir(dir));
  return running ? state : undefined;
}

function ensureBuild() {
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  console.log("no production build: running next build");
  const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
}

/** One start at a time per folder: a second `npm run cluster` racing this one is told so. */
function takeStartLock(dir) {
  mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, "start.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
      return () => rmSync(lock, { force: true });
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
      const holder = Number(readFileSync(lock, "utf8"));
      if (holder && isOurs(holder, "cluster")) throw new UsageError(`another npm run cluster (pid ${holder}) is starting a cluster in ${dir}`);
      rmSync(lock, { force: true }); // left by a start that died
    }
  }
  throw new UsageError(`could not take ${lock}`);
}

export async function startCluster({ instances: count, env = process.env }) {
  const dir = clusterDir(env);
  const port = parsePort(env.PORT ?? "3000");
  const running = runningCluster(dir);
  if (running) throw new UsageError(`a cluster is already running: ${running.proxy.url} (${running.instances.length} instances, ${running.database}); npm run cluster -- stop first`);
  const release = takeStartLock(dir);
  let state;
  const cleanUp = async () => {
    if (state) await stopStarted(dir, state);
    release();
  };
  // Ctrl-C while starting: stop whatever already runs, leave nothing behind.
  let interrupted = false;
  const onSignal = (signal) => {
    interrupted = true;
    console.log(`\n${signal}: stopping what was started`);
    void cleanUp().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    removeState(dir); // a previous cluster's leftovers (nothing of it runs, checked above)
    if (await portInUse(port)) throw new UsageError(`port ${port} is in use: set PORT to a free one`);
    const databaseUrl = clusterDatabaseUrl(env);
    const database = redactDatabaseUrl(databaseUrl);
    ensureBuild();
    console.log(`migrating ${database}`);
    await prepareDatabase({ databaseUrl, quiet: true });

    const proxyUrl = `http://127.0.0.1:${port}`;
    state = { version: 1, startedAt: new Date().toISOString(), proxy: { url: proxyUrl, port }, databaseUrl, database, instances: [], ready: false };
    for (let i = 1; i <= count; i++) {
      const id = `instance-${i}`;
      const instancePort = await freePort();
      const log = logFile(dir, id);
      const instance = { id, port: instancePort, log };
      state.instances.push(instance);
      instance.pid = spawnInstance({ port: instancePort, log, env: instanceEnv({ id, port: instancePort, databaseUrl, proxyUrl }, env) });
      writeState(dir, state);
    }
    const logs = path.relative(process.cwd(), path.join(dir, "logs"));
    console.log(`starting ${count} instance${count === 1 ? "" : "s"} (logs in ${logs.startsWith("..") ? path.join(dir, "logs") : logs})`);
    await waitForInstances(state.instances);

    // All interfaces, as `npm start` listens; the instances themselves listen on 127.0.0.1 only.
    const nginx = await startNginx({ dir: nginxDir(dir), port, host: "0.0.0.0", upstreams: state.instances.map((instance) => `127.0.0.1:${instance.port}`), detached: true });
    state.proxy.pid = nginx.pid;
    writeState(dir, state);
    if (!(await answers(port, 10_000))) throw new Error(`nginx on port ${port} does not answer`);
    state.ready = true;
    writeState(dir, state);
    release();
    console.log(`cluster ready: ${proxyUrl} (${count} instance${count === 1 ? "" : "s"}, ${database})`);
    console.log("npm run cluster -- status: instances and the leader; npm run cluster -- stop: stop it all");
  } catch (error) {
    // After Ctrl-C the instances were stopped on purpose: the signal handler reports and exits.
    if (interrupted) await new Promise(() => {});
    await cleanUp();
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** nginx's pid file names a live nginx of this folder (never signal a pid reused since). */
function nginxRunning(dir) {
  const pidFile = path.join(nginxDir(dir), "nginx.pid");
  return existsSync(pidFile) && isOurs(Number(readFileSync(pidFile, "utf8").trim()), nginxDir(dir));
}

/** Stops everything a state records (used by `stop` and by a start that failed). */
export async function stopStarted(dir, state) {
  const targets = state.instances.map((instance) => ({ pid: instance.pid, marker: instanceMarker(instance) }));
  const [stopped] = await Promise.all([stopProcesses(targets), nginxRunning(dir) ? stopNginx(nginxDir(dir)) : false]);
  const proxyGone = !isOurs(state.proxy.pid, nginxDir(dir)) && !nginxRunning(dir);
  if (stopped && proxyGone) removeState(dir);
  return stopped && proxyGone;
}
