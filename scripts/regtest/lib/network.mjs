// Bringing the regtest network up: btcd plus two lnd nodes, bob with a channel to alice.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  LOG_DIR, NODES, STATE_DIR, btcdArgs, btcdDir, btcdRpc, lndArgs, lndDir, lncli, writeState,
} from './nodes.mjs';
import { archiveBlocks, replayBlocks } from './blocks.mjs';
import {
  fatal, freePorts, isAlive, isPortFree, spawnDetached, stopPid, waitFor,
} from './process.mjs';

const execFileAsync = promisify(execFile);
const BUILD_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../build-binaries.sh');

const CHANNEL_SATS = 10_000_000;
// Any valid regtest address will do for the very first blocks, which only exist so that the
// chain tip is recent: lnd does not finish starting while the tip is older than two hours,
// and we cannot ask bob for an address before it has started.
const PLACEHOLDER_ADDR = 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080';

const log = (message) => console.log(`regtest: ${message}`);

// Runs build-binaries.sh (a no-op when the cache is warm) and returns its LN_BIN_DIR.
export async function buildBinaries() {
  const child = execFile('bash', [BUILD_SCRIPT], { maxBuffer: 16 * 1024 * 1024 });
  child.stderr.pipe(process.stderr); // build progress, shown while it happens
  let stdout = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`build-binaries.sh failed with exit code ${code}`);
  const vars = Object.fromEntries(
    stdout.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  if (!vars.LN_BIN_DIR) throw new Error('build-binaries.sh printed no LN_BIN_DIR');
  return { binDir: vars.LN_BIN_DIR, lndVersion: vars.LND_VERSION, btcdVersion: vars.BTCD_VERSION };
}

// The last lines of a daemon's log, which say why it stopped.
function logTail(name) {
  try {
    const lines = fs.readFileSync(path.join(LOG_DIR, `${name}.log`), 'utf8').trim().split('\n');
    return lines.slice(-3).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function allocatePorts() {
  const [btcdRpc, btcdP2p, ...rest] = await freePorts(2 + 3 * NODES.length);
  const ports = { btcdRpc, btcdP2p };
  NODES.forEach((name, i) => {
    ports[name] = { grpc: rest[3 * i], rest: rest[3 * i + 1], p2p: rest[3 * i + 2] };
  });
  return ports;
}

// Restarts keep the old ports (the env file stays valid) unless one has been taken meanwhile.
export async function portsStillFree(ports) {
  const all = [ports.btcdRpc, ports.btcdP2p, ...NODES.flatMap((n) => Object.values(ports[n]))];
  for (const port of all) if (!(await isPortFree(port))) return false;
  return true;
}

export function markers() {
  return { btcd: btcdDir(), alice: lndDir('alice'), bob: lndDir('bob') };
}

export function aliveMap(state) {
  const m = markers();
  return Object.fromEntries(Object.keys(m).map((k) => [k, isAlive(state?.pids?.[k], m[k])]));
}

export async function stopAll(state) {
  if (!state?.pids) return;
  const m = markers();
  // Save the newest blocks first: the next btcd start begins from an empty chain.
  if (isAlive(state.pids.btcd, m.btcd)) {
    await archiveBlocks(state.ports).catch((e) => log(`could not save blocks: ${e.message}`));
  }
  // lnd first: it would otherwise spend its shutdown retrying a vanished btcd.
  await Promise.all(NODES.map((name) => stopPid(state.pids[name], m[name])));
  await stopPid(state.pids.btcd, m.btcd);
}

// Starts btcd and gives it back the saved chain (btcd wipes its regtest data on every start).
export async function startBtcd(state, miningAddr) {
  fs.mkdirSync(btcdDir(), { recursive: true });
  fs.mkdirSync(LOG_DIR, { recursive: true });
  state.pids.btcd = spawnDetached(
    path.join(state.binDir, 'btcd'), btcdArgs(state.ports, miningAddr), path.join(LOG_DIR, 'btcd.log'),
  );
  writeState(state);
  await waitFor('btcd RPC', async () => {
    if (!isAlive(state.pids.btcd, btcdDir())) throw fatal(`btcd exited: ${logTail('btcd')}`);
    return (await btcdRpc(state.ports, 'getblockcount')) >= 0;
  }, { timeoutMs: 60000 });
  const replayed = await replayBlocks(state.ports);
  if (replayed) log(`btcd: restored ${replayed} saved blocks`);
}

export async function startLnd(state, name) {
  fs.mkdirSync(lndDir(name), { recursive: true });
  state.pids[name] = spawnDetached(
    path.join(state.binDir, 'lnd'), lndArgs(name, state.ports[name], state.ports), path.join(LOG_DIR, `${name}.log`),
  );
  writeState(state);
}

// getinfo answers early, but most calls fail with "server is still in the process of
// starting" until lnd reports SERVER_ACTIVE.
export async function waitLndReady(state, name) {
  await waitFor(`${name} to start`, async () => {
    if (!isAlive(state.pids[name], lndDir(name))) throw fatal(`${name} exited: ${logTail(name)}`);
    return (await lncli(state, name, ['state'])).state === 'SERVER_ACTIVE';
  }, { timeoutMs: 120000, intervalMs: 1000 });
  return lncli(state, name, ['getinfo']);
}

// Mines n blocks and waits until both nodes have processed them.
export async function mine(state, n) {
  const hashes = await btcdRpc(state.ports, 'generate', [n]);
  const height = await archiveBlocks(state.ports);
  await waitSynced(state, height);
  return { hashes, height };
}

export async function waitSynced(state, height) {
  for (const name of NODES) {
    await waitFor(`${name} to sync to height ${height}`, async () => {
      const info = await lncli(state, name, ['getinfo']);
      return info.synced_to_chain && info.block_height >= height;
    }, { timeoutMs: 120000 });
  }
}

export async function connectPeers(state) {
  const target = `${state.pubkeys.alice}@127.0.0.1:${state.ports.alice.p2p}`;
  try {
    await lncli(state, 'bob', ['connect', target]);
  } catch (error) {
    if (!/already connected/i.test(error.message)) throw error;
  }
}

async function activeChannel(state, name) {
  const peer = name === 'bob' ? state.pubkeys.alice : state.pubkeys.bob;
  const { channels = [] } = await lncli(state, name, ['listchannels', '--active_only']);
  return channels.find((c) => c.remote_pubkey === peer && c.channel_point === state.channel.point);
}

export async function waitChannelActive(state) {
  for (const name of NODES) {
    await waitFor(`${name} to see the channel active`, () => activeChannel(state, name), { timeoutMs: 120000 });
  }
}

// Stops btcd and starts it again with another mining address, checking no block was lost.
async function restartBtcd(state, miningAddr) {
  const height = await archiveBlocks(state.ports);
  await stopPid(state.pids.btcd, btcdDir());
  await startBtcd(state, miningAddr);
  const after = await btcdRpc(state.ports, 'getblockcount');
  if (after !== height) throw new Error(`btcd came back at height ${after}, expected ${height}`);
}

async function startNodes(state) {
  for (const name of NODES) await startLnd(state, name);
  for (const name of NODES) {
    const info = await waitLndReady(state, name);
    state.pubkeys[name] = info.identity_pubkey;
  }
}

// From nothing: fresh data folders, a funded bob and a 10M sat channel bob -> alice.
export async function createNetwork(build) {
  fs.rmSync(STATE_DIR, { recursive: true, force: true });
  const state = {
    ...build, ports: await allocatePorts(), pids: {}, pubkeys: {}, ready: false, createdAt: new Date().toISOString(),
  };
  writeState(state);

  log('starting btcd');
  await startBtcd(state, PLACEHOLDER_ADDR);
  await btcdRpc(state.ports, 'generate', [1]);

  // Coinbase rewards go to --miningaddr, so btcd must be restarted with an address of bob's.
  // lnd is not built to have its chain backend vanish under it (we saw out-of-order block
  // errors and a channel that never confirmed), so bob is stopped around the restart.
  log('starting bob once to get his mining address');
  await startLnd(state, 'bob');
  await waitLndReady(state, 'bob');
  const { address } = await lncli(state, 'bob', ['newaddress', 'p2wkh']);
  state.miningAddr = address;
  await stopPid(state.pids.bob, lndDir('bob'));
  await restartBtcd(state, address);

  // Mined before the nodes run, so they simply sync 100 blocks at startup.
  log('mining 101 blocks to bob (coinbase needs 100 confirmations)');
  await btcdRpc(state.ports, 'generate', [101]);
  await archiveBlocks(state.ports);
  log('starting alice and bob');
  await startNodes(state);
  await waitSynced(state, await btcdRpc(state.ports, 'getblockcount'));
  await waitFor('bob to see his coinbase funds', async () => {
    const balance = await lncli(state, 'bob', ['walletbalance']);
    return Number(balance.confirmed_balance) >= CHANNEL_SATS * 2;
  }, { timeoutMs: 60000 });

  log('opening a channel bob -> alice');
  await connectPeers(state);
  const opened = await lncli(state, 'bob', [
    'openchannel', `--node_key=${state.pubkeys.alice}`, `--local_amt=${CHANNEL_SATS}`, '--push_amt=0',
  ]);
  // openchannel prints only the funding txid; the output index comes from the pending list.
  const { pending_open_channels: pending = [] } = await lncli(state, 'bob', ['pendingchannels']);
  const match = pending.find((p) => p.channel.channel_point.startsWith(`${opened.funding_txid}:`));
  if (!match) throw new Error(`channel ${opened.funding_txid} is not pending on bob`);
  state.channel = { point: match.channel.channel_point, capacity: CHANNEL_SATS };
  writeState(state);
  // 6 confirmations make the channel public; a few more blocks leave nothing pending.
  await mine(state, 6);
  await waitChannelActive(state);
  await waitFor("alice's graph to know the channel", async () => {
    const { edges = [] } = await lncli(state, 'alice', ['describegraph']);
    return edges.some((e) => e.chan_point === state.channel.point);
  }, { timeoutMs: 120000 });
  await mine(state, 3);

  state.ready = true;
  writeState(state);
  return state;
}

// Same data, new processes: btcd, alice and bob come back with their wallets and channel.
export async function restartNetwork(state) {
  if (!(await portsStillFree(state.ports))) {
    log('some old ports are taken now; picking new ones');
    state.ports = await allocatePorts();
  }
  state.pids = {};
  log('restarting btcd, alice and bob on the existing data');
  await startBtcd(state, state.miningAddr);
  // A fresh block makes the tip recent again, which lnd needs to count itself synced.
  await btcdRpc(state.ports, 'generate', [1]);
  const height = await archiveBlocks(state.ports);
  await startNodes(state);
  await connectPeers(state);
  await waitSynced(state, height);
  await waitChannelActive(state);
  state.ready = true;
  writeState(state);
  return state;
}
