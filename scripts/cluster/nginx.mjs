// nginx in front of several site instances (`npm run cluster`, the cluster tests and the bench):
// Debian's package, installed when missing, run with a config and every temp path under one
// private folder, so it needs no system setup and never touches /etc/nginx.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const CANDIDATES = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"];

/** The nginx binary: NGINX_BIN, a standard path, or Debian's package installed now. */
export function ensureNginx() {
  const find = () => [process.env.NGINX_BIN, ...CANDIDATES].find((bin) => bin && existsSync(bin));
  let bin = find();
  if (bin) return bin;
  console.log("nginx not found: installing the Debian package (apt-get install nginx)");
  const sudo = process.getuid?.() === 0 ? [] : ["sudo", "-n"];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = spawnSync(sudo[0] ?? "apt-get", [...sudo.slice(1), ...(sudo.length ? ["apt-get"] : []), "install", "-y", "-qq", "nginx"], { stdio: "pipe", env });
  bin = find();
  if (!bin) throw new Error(`nginx is not installed and apt-get install nginx failed: ${install.stderr?.toString().slice(-500) ?? ""}`);
  return bin;
}

/**
 * The proxy config. least_conn because SSE connections stay open for minutes: round robin would
 * pile them on whichever instance they happened to land on. Buffering off both ways (SSE events
 * and upload progress pass through at once), long read timeouts for SSE, keep-alive upstreams.
 * Forwarded headers: the site trusts X-Forwarded-For from 127.0.0.1 (TRUSTED_PROXIES).
 */
export function nginxConfig({ dir, port, host = "127.0.0.1", upstreams, maxBodyMb = 1024 }) {
  const temp = (name) => path.join(dir, "tmp", name);
  const servers = upstreams.map((address) => `    server ${address} max_fails=1 fail_timeout=2s;`).join("\n");
  return `# Written by scripts/cluster/nginx.mjs; regenerated on every start.
${process.getuid?.() === 0 ? "user root;\n" : ""}worker_processes 2;
pid ${path.join(dir, "nginx.pid")};
error_log ${path.join(dir, "nginx-error.log")} warn;
events { worker_connections 8192; }
http {
  access_log off;
  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  upstream site {
    least_conn;
${servers}
    keepalive 64;
  }
  server {
    listen ${host}:${port} reuseport backlog=4096;
    client_max_body_size ${maxBodyMb}m;
    location / {
      proxy_pass http://site;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_cache off;
      proxy_connect_timeout 2s;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      # A refused or dead instance: try the next one (nginx never retries a non-idempotent
      # request that already reached an instance).
      proxy_next_upstream error timeout http_502;
      proxy_next_upstream_tries 3;
    }
  }
}
`;
}

function writeConfig(options) {
  for (const name of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(path.join(options.dir, "tmp", name), { recursive: true });
  const file = path.join(options.dir, "nginx.conf");
  writeFileSync(file, nginxConfig(options));
  return file;
}

function checkConfig(bin, file, dir) {
  const test = spawnSync(bin, ["-t", "-q", "-p", dir, "-c", file], { stdio: "pipe" });
  if (test.status !== 0) throw new Error(`nginx rejected ${file}: ${test.stderr.toString()}`);
}

async function waitForPort(host, port, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ host, port }, () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${host}:${port} within ${timeoutMs} ms`);
}

/**
 * Starts nginx on host:port in front of `upstreams` ("127.0.0.1:3101", …). `detached` lets it
 * outlive this process (`npm run cluster`); otherwise it is a child that dies with us. Returns
 * the proxy URL, its master pid, `reload(upstreams)` (a new upstream list without dropping
 * connections) and `stop()` (graceful: open SSE connections are closed).
 */
export async function startNginx({ dir, port, host = "127.0.0.1", upstreams, maxBodyMb, detached = false }) {
  const bin = ensureNginx();
  mkdirSync(dir, { recursive: true });
  const file = writeConfig({ dir, port, host, upstreams, maxBodyMb });
  checkConfig(bin, file, dir);
  const child = spawn(bin, ["-p", dir, "-c", file, "-g", "daemon off;"], { stdio: ["ignore", "ignore", "pipe"], detached });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  await Promise.race([
    waitForPort(host, port),
    exited.then(() => {
      throw new Error(`nginx exited at start: ${stderr}${readLog(dir)}`);
    }),
  ]);
  if (detached) {
    child.stderr.destroy();
    child.unref();
  }
  return {
    url: `http://${host}:${port}`,
    pid: child.pid,
    async reload(next) {
      checkConfig(bin, writeConfig({ dir, port, host, upstreams: next, maxBodyMb }), dir);
      process.kill(child.pid, "SIGHUP");
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGQUIT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Stops an nginx started detached earlier, by the pid file in its folder. */
export async function stopNginx(dir) {
  const pidFile = path.join(dir, "nginx.pid");
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  try {
    process.kill(pid, "SIGQUIT");
  } catch {
    return false;
  }
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.kill(pid, "SIGKILL");
  return true;
}

const readLog = (dir) => {
  const log = path.join(dir, "nginx-error.log");
  return existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
};
