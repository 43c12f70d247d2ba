// Process helpers for the regtest harness: free ports, detached daemons, liveness, stopping.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Asks the kernel for `count` free ports by binding port 0. All sockets stay open until every
// port is chosen, so the same port cannot come back twice; a daemon could still lose a race
// with another program in the short gap before it binds.
export async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const server = net.createServer();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
      servers.push(server);
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

export async function isPortFree(port) {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

// Starts a daemon that outlives this script: its own process group, output to a log file.
export function spawnDetached(bin, args, logFile) {
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n=== ${new Date().toISOString()} ${bin} ${args.join(' ')}\n`);
  const child = spawn(bin, args, { detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.unref();
  if (!child.pid) throw new Error(`could not start ${bin}`);
  return child.pid;
}

// A recorded pid only counts as ours if that process is alive and its command line mentions
// our data folder: after a reboot the number may belong to an unrelated process.
export function isAlive(pid, marker) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (marker && !cmdline.includes(marker)) return false;
    // A zombie (exited, not yet reaped) has an empty command line: not running.
    return cmdline.length > 0;
  } catch {
    return false; // no /proc entry: gone
  }
}

// SIGTERM, wait for a clean exit (lnd flushes its databases), then SIGKILL as a last resort.
export async function stopPid(pid, marker, { timeoutMs = 30000 } = {}) {
  if (!isAlive(pid, marker)) return false;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid, marker)) return true;
    await sleep(200);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
  while (isAlive(pid, marker)) await sleep(100);
  return true;
}

export function fatal(message) {
  return Object.assign(new Error(message), { fatal: true });
}

// Polls `check` until it returns a truthy value; errors count as "not yet" unless made with
// fatal(). The last error is
// included in the timeout message because it usually says what is wrong.
export async function waitFor(what, check, { timeoutMs = 60000, intervalMs = 500 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      if (error.fatal) throw error; // e.g. the daemon died: waiting longer cannot help
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const detail = lastError ? `: ${lastError.message.split('\n')[0]}` : '';
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${detail}`);
}
