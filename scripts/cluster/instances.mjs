// The site instances of `npm run cluster`: detached `next start` processes on 127.0.0.1 (only
// nginx reaches them), each with its own port, log file and INSTANCE_ID, all on one database.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { instanceMarker, isOurs, ROOT } from "./cluster-state.mjs";

const NEXT = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/** A port nobody listens on now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on host:port. */
export function portInUse(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/**
 * Every instance gets the same settings (`npm start`'s: the caller's environment, where the
 * Lightning settings and APP_SECRET come from, .env.lightning read by each instance itself)
 * plus its own PORT and INSTANCE_ID, the cluster's database, SITE_URL defaulting to the proxy,
 * and 127.0.0.1 (nginx) among TRUSTED_PROXIES so the client address is the one nginx saw.
 */
export function instanceEnv({ id, port, databaseUrl, proxyUrl }, env = process.env) {
  const trusted = (env.TRUSTED_PROXIES ?? "").split(/[\s,]+/).filter(Boolean);
  if (!trusted.includes("127.0.0.1")) trusted.push("127.0.0.1");
  return {
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: env.NEXT_TELEMETRY_DISABLED ?? "1",
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    INSTANCE_ID: id,
    SITE_URL: env.SITE_URL || proxyUrl,
    TRUSTED_PROXIES: trusted.join(","),
  };
}

/** Starts one instance detached (it outlives this command); stdout and stderr go to `log`. */
export function spawnInstance({ port, log, env }) {
  mkdirSync(path.dirname(log), { recursive: true });
  const fd = openSync(log, "w");
  try {
    const child = spawn(process.execPath, [NEXT, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", fd, fd],
    });
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/** Whether the instance answers a page (any HTTP answer from the app counts; 5xx does not). */
export async function answers(port, timeoutMs = 2000) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/about`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status < 500;
  } catch {
    return false;
  }
}

/**
 * Waits until every instance answers. Throws, with the end of its log (where `npm start`'s
 * "[fatal] … set X" line is), as soon as one exits, or when the time is up.
 */
export async function waitForInstances(instances, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  const waiting = new Set(instances);
  while (waiting.size > 0) {
    for (const instance of [...waiting]) {
      if (await answers(instance.port)) waiting.delete(instance);
      else if (!isOurs(instance.pid, instanceMarker(instance))) throw new Error(`${instance.id} exited while starting:\n${logTail(instance.log)}`);
    }
    if (waiting.size === 0) break;
    if (Date.now() > deadline) {
      const first = [...waiting][0];
      throw new Error(`${first.id} did not answer within ${timeoutMs / 1000} s:\n${logTail(first.log)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export function logTail(file, lines = 15) {
  if (!existsSync(file)) return "(no log)";
  return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).map((line) => `  ${line}`).join("\n");
}

/** SIGTERM (next start shuts down, its leader lease ends with its connection), SIGKILL after `graceMs`. */
export async function stopProcesses(targets, graceMs = 10_000) {
  const alive = () => targets.filter(({ pid, marker }) => isOurs(pid, marker));
  for (const { pid } of alive()) signal(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (alive().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const { pid } of alive()) signal(pid, "SIGKILL");
  const killDeadline = Date.now() + 5000;
  while (alive().length > 0 && Date.now() < killDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return alive().length === 0;
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    /* already gone */
  }
}
