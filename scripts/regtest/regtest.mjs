#!/usr/bin/env node
// Local Lightning regtest network for development and tests: btcd, lnd "alice" (the site's
// node) and lnd "bob" (a reader's wallet) with a 10M sat channel bob -> alice.
//
//   node scripts/regtest/regtest.mjs start          build if needed, start or resume, write .env.lightning
//   node scripts/regtest/regtest.mjs status         what is running
//   node scripts/regtest/regtest.mjs pay <bolt11>   pay from bob, print the preimage
//   node scripts/regtest/regtest.mjs mine <n>       mine n blocks and wait for both nodes
//   node scripts/regtest/regtest.mjs stop [--wipe]  stop everything, remove .env.lightning
//   node scripts/regtest/regtest.mjs reset          stop --wipe: also delete .regtest/
//   node scripts/regtest/regtest.mjs stop-node|start-node|restart-node <alice|bob>
//
// State (data, logs, pids, ports) lives in .regtest/ at the repo root.
import fs from 'node:fs';
import path from 'node:path';
import {
  ENV_FILE, LOG_DIR, NODES, REPO_ROOT, STATE_DIR, btcdRpc, lncli, lndDir, readState, writeEnvFile, writeState,
} from './lib/nodes.mjs';
import {
  aliveMap, buildBinaries, connectPeers, createNetwork, mine, restartNetwork, startLnd, stopAll, waitChannelActive, waitLndReady,
} from './lib/network.mjs';
import { stopPid } from './lib/process.mjs';

const SELF = path.relative(REPO_ROOT, new URL(import.meta.url).pathname);
const rel = (p) => path.relative(process.cwd(), p) || '.';

async function start() {
  const began = Date.now();
  const build = await buildBinaries();
  let state = readState();
  const alive = aliveMap(state);

  if (state?.ready && Object.values(alive).every(Boolean)) {
    console.log('regtest: already running');
    writeEnvFile(state); // cheap, and restores the file if someone deleted it
    await printSummary(state);
    return;
  }

  // Whatever is left of an earlier run goes down first; we never mix old and new processes.
  if (state) await stopAll(state);

  if (state?.ready && state.channel && state.miningAddr) {
    try {
      state = await restartNetwork({ ...state, ...build });
    } catch (error) {
      // Restarting on old data has been reliable in testing; if it ever is not, a fresh
      // network is better than a half-working one. The old data is lost (alice's invoices).
      console.error(`regtest: restart on existing data failed (${error.message})`);
      console.error('regtest: wiping .regtest/ and starting a fresh network');
      await stopAll(readState());
      state = null;
    }
  } else {
    state = null;
  }
  if (!state) {
    try {
      state = await createNetwork(build);
    } catch (error) {
      await stopAll(readState()); // leave nothing running behind a failed start
      throw new Error(`${error.message}\nlogs: ${rel(LOG_DIR)}/`);
    }
  }

  writeEnvFile(state);
  state.startedAt = new Date().toISOString();
  writeState(state);
  console.log(`regtest: started in ${((Date.now() - began) / 1000).toFixed(1)}s`);
  await printSummary(state);
}

async function printSummary(state) {
  const alive = aliveMap(state);
  const height = alive.btcd ? await btcdRpc(state.ports, 'getblockcount').catch(() => '?') : '-';
  console.log(`  versions  lnd ${state.lndVersion}, btcd ${state.btcdVersion} (${state.binDir})`);
  console.log(`  btcd      pid ${state.pids.btcd ?? '-'} ${alive.btcd ? 'running' : 'DEAD'}  rpc 127.0.0.1:${state.ports.btcdRpc}  height ${height}`);
  for (const name of NODES) {
    const p = state.ports[name];
    console.log(`  ${name.padEnd(9)} pid ${state.pids[name] ?? '-'} ${alive[name] ? 'running' : 'DEAD'}  grpc 127.0.0.1:${p.grpc}  rest 127.0.0.1:${p.rest}  p2p 127.0.0.1:${p.p2p}`);
    console.log(`  ${''.padEnd(9)} pubkey ${state.pubkeys[name]}`);
  }
  if (state.channel) {
    let balances = '';
    if (alive.bob) {
      const { channels = [] } = await lncli(state, 'bob', ['listchannels']).catch(() => ({}));
      const ch = channels.find((c) => c.channel_point === state.channel.point);
      balances = ch ? `  bob ${ch.local_balance} / alice ${ch.remote_balance} sat, ${ch.active ? 'active' : 'inactive'}` : '  (not listed)';
    }
    console.log(`  channel   bob -> alice ${state.channel.point}  capacity ${state.channel.capacity}${balances}`);
  }
  console.log(`  env file  ${fs.existsSync(ENV_FILE) ? ENV_FILE : '(none)'}`);
  console.log(`  logs      ${LOG_DIR}/`);
  console.log(`  stop with node ${SELF} stop   (stop --wipe also deletes ${rel(STATE_DIR)}/)`);
}

async function stop(wipe) {
  const state = readState();
  if (state) {
    await stopAll(state);
    writeState({ ...state, pids: {} });
  }
  fs.rmSync(ENV_FILE, { force: true });
  if (wipe) fs.rmSync(STATE_DIR, { recursive: true, force: true });
  console.log(`regtest: stopped${wipe ? ', .regtest/ removed' : ''}`);
}

async function status() {
  const state = readState();
  if (!state) {
    console.log('regtest: not started (no .regtest/ state)');
    return;
  }
  const alive = aliveMap(state);
  const running = Object.values(alive).filter(Boolean).length;
  console.log(`regtest: ${running}/3 processes running${state.ready ? '' : ' (setup never finished)'}`);
  await printSummary(state);
  for (const name of NODES) {
    if (!alive[name]) continue;
    const info = await lncli(state, name, ['getinfo']).catch((e) => ({ error: e.message }));
    console.log(`  ${name}: height ${info.block_height} synced_to_chain ${info.synced_to_chain} active channels ${info.num_active_channels}${info.error ? ` error ${info.error}` : ''}`);
  }
}

function requireRunning() {
  const state = readState();
  const alive = aliveMap(state);
  if (!state?.ready || !Object.values(alive).every(Boolean)) {
    throw new Error(`regtest is not running; start it with: node ${SELF} start`);
  }
  return state;
}

async function pay(bolt11) {
  if (!bolt11) throw new Error('usage: pay <bolt11>');
  const state = requireRunning();
  // --json prints the final payment as one JSON object instead of an interactive table.
  const result = await lncli(state, 'bob', ['payinvoice', '--force', '--json', '--timeout=60s', bolt11]);
  if (result.status !== 'SUCCEEDED') {
    throw new Error(`payment ${result.status ?? 'failed'}: ${result.failure_reason ?? result.raw ?? ''}`);
  }
  console.log(result.payment_preimage);
}

// `lncli signmessage` on a node, as a user signing in to the site with their node does.
async function signMessage(name, message) {
  if (!NODES.includes(name) || !message) throw new Error(`usage: signmessage ${NODES.join('|')} <message>`);
  const state = requireRunning();
  const { signature } = await lncli(state, name, ['signmessage', message]);
  console.log(signature);
}

// One node down and up again, the rest untouched: the site's tests restart alice under it.
async function stopNode(name) {
  if (!NODES.includes(name)) throw new Error(`usage: stop-node ${NODES.join('|')}`);
  const state = readState();
  if (!state?.pids?.[name]) throw new Error(`${name} is not running`);
  await stopPid(state.pids[name], lndDir(name));
  delete state.pids[name];
  writeState(state);
  console.log(`regtest: ${name} stopped`);
}

async function startNode(name) {
  if (!NODES.includes(name)) throw new Error(`usage: start-node ${NODES.join('|')}`);
  const state = readState();
  if (!state?.ready) throw new Error('regtest is not started');
  if (aliveMap(state)[name]) {
    console.log(`regtest: ${name} already running`);
    return;
  }
  await startLnd(state, name);
  await waitLndReady(state, name);
  await connectPeers(state);
  await waitChannelActive(state);
  console.log(`regtest: ${name} running again, channel active`);
}

async function mineCommand(count) {
  const n = Number(count ?? 1);
  if (!Number.isInteger(n) || n < 1) throw new Error('usage: mine <n>');
  const state = requireRunning();
  const { height } = await mine(state, n);
  console.log(`regtest: mined ${n} block(s), height ${height}`);
}

// `regtest.mjs status | head` closes our stdout early; that is not an error.
process.stdout.on('error', (error) => { if (error.code === 'EPIPE') process.exit(0); throw error; });

// `npm run regtest` with no command starts the network.
const [command = 'start', ...args] = process.argv.slice(2);
const commands = {
  start: () => start(),
  stop: () => stop(args.includes('--wipe')),
  reset: () => stop(true),
  status: () => status(),
  pay: () => pay(args[0]),
  mine: () => mineCommand(args[0]),
  signmessage: () => signMessage(args[0], args.slice(1).join(' ')),
  'stop-node': () => stopNode(args[0]),
  'start-node': () => startNode(args[0]),
  'restart-node': async () => {
    await stopNode(args[0]);
    await startNode(args[0]);
  },
};

if (!commands[command]) {
  console.error(`usage: node ${SELF} start|stop [--wipe]|reset|status|pay <bolt11>|mine <n>|signmessage <alice|bob> <message>|stop-node|start-node|restart-node <alice|bob>`);
  process.exit(2);
}
try {
  await commands[command]();
} catch (error) {
  console.error(`regtest ${command}: ${error.message}`);
  process.exit(1);
}
