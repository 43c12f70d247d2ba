// Where the regtest daemons keep their files, how they are started, and how we talk to them.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// REGTEST_DIR and REGTEST_ENV_FILE let the test suite run its own network beside a
// developer's, without touching .regtest/ or .env.lightning.
export const STATE_DIR = path.resolve(REPO_ROOT, process.env.REGTEST_DIR || '.regtest');
export const STATE_FILE = path.join(STATE_DIR, 'state.json');
export const ENV_FILE = path.resolve(REPO_ROOT, process.env.REGTEST_ENV_FILE || '.env.lightning');
export const LOG_DIR = path.join(STATE_DIR, 'logs');
export const NODES = ['alice', 'bob'];

// Only reachable on 127.0.0.1, so fixed credentials are fine.
const RPC_USER = 'regtest';
const RPC_PASS = 'regtest';

export const btcdDir = () => path.join(STATE_DIR, 'btcd');
export const lndDir = (name) => path.join(STATE_DIR, name);

export function lndFiles(name) {
  const dir = lndDir(name);
  return {
    cert: path.join(dir, 'tls.cert'),
    macaroon: path.join(dir, 'data/chain/bitcoin/regtest/admin.macaroon'),
  };
}

export function btcdArgs(ports, miningAddr) {
  const dir = btcdDir();
  // An empty config file of our own: with the default one btcd would create ~/.btcd/btcd.conf.
  const configFile = path.join(dir, 'btcd.conf');
  if (!fs.existsSync(configFile)) fs.writeFileSync(configFile, '');
  const args = [
    `--configfile=${configFile}`,
    '--regtest',
    `--datadir=${path.join(dir, 'data')}`,
    `--logdir=${path.join(dir, 'logs')}`,
    `--rpcuser=${RPC_USER}`,
    `--rpcpass=${RPC_PASS}`,
    `--rpclisten=127.0.0.1:${ports.btcdRpc}`,
    `--rpccert=${path.join(dir, 'rpc.cert')}`,
    `--rpckey=${path.join(dir, 'rpc.key')}`,
    `--listen=127.0.0.1:${ports.btcdP2p}`,
    '--txindex',
  ];
  // btcd has no generatetoaddress: `generate` pays whatever --miningaddr says.
  if (miningAddr) args.push(`--miningaddr=${miningAddr}`);
  return args;
}

export function lndArgs(name, nodePorts, ports) {
  const dir = lndDir(name);
  return [
    `--lnddir=${dir}`,
    `--alias=${name}`,
    '--noseedbackup', // wallet without a seed or password; lnd unlocks it by itself on restart
    '--nobootstrap',
    '--bitcoin.regtest',
    '--bitcoin.node=btcd',
    `--btcd.rpchost=127.0.0.1:${ports.btcdRpc}`,
    `--btcd.rpcuser=${RPC_USER}`,
    `--btcd.rpcpass=${RPC_PASS}`,
    `--btcd.rpccert=${path.join(btcdDir(), 'rpc.cert')}`,
    `--rpclisten=127.0.0.1:${nodePorts.grpc}`,
    `--restlisten=127.0.0.1:${nodePorts.rest}`,
    `--listen=127.0.0.1:${nodePorts.p2p}`,
    `--externalip=127.0.0.1:${nodePorts.p2p}`,
    // Gossip is batched every 90 s by default; announce the channel to the graph quickly.
    '--trickledelay=50',
    '--debuglevel=info',
  ];
}

// btcd JSON-RPC over TLS, trusting only btcd's own self-signed certificate.
export function btcdRpc(ports, method, params = []) {
  const body = JSON.stringify({ jsonrpc: '1.0', id: method, method, params });
  const ca = fs.readFileSync(path.join(btcdDir(), 'rpc.cert'));
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port: ports.btcdRpc,
        method: 'POST',
        ca,
        auth: `${RPC_USER}:${RPC_PASS}`,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: 120000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => { text += chunk; });
        res.on('end', () => {
          try {
            const reply = JSON.parse(text);
            if (reply.error) reject(new Error(`btcd ${method}: ${reply.error.message}`));
            else resolve(reply.result);
          } catch {
            reject(new Error(`btcd ${method}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`btcd ${method}: timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

// Runs lncli against one node and parses its JSON output (most commands print JSON).
export async function lncli(state, name, args, { timeoutMs = 120000 } = {}) {
  const files = lndFiles(name);
  const base = [
    `--rpcserver=127.0.0.1:${state.ports[name].grpc}`,
    `--tlscertpath=${files.cert}`,
    `--macaroonpath=${files.macaroon}`,
  ];
  try {
    const { stdout } = await execFileAsync(path.join(state.binDir, 'lncli'), [...base, ...args], {
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    return parseJson(stdout);
  } catch (error) {
    const detail = (error.stderr || error.stdout || error.message || '').trim();
    throw new Error(`lncli ${name} ${args[0]}: ${detail}`);
  }
}

function parseJson(text) {
  const trimmed = text.trim();
  if (!trimmed) return {};
  try {
    return JSON.parse(trimmed);
  } catch {
    return { raw: trimmed };
  }
}

export function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return null;
  }
}

export function writeState(state) {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

// The site's LND settings (alice) plus bob's, which the tests use to pay as a reader would.
export function writeEnvFile(state) {
  const alice = lndFiles('alice');
  const bob = lndFiles('bob');
  const lines = [
    '# Written by scripts/regtest/regtest.mjs start; removed by stop. Local regtest only.',
    `LND_SOCKET=127.0.0.1:${state.ports.alice.grpc}`,
    `LND_CERT=${alice.cert}`,
    `LND_MACAROON=${alice.macaroon}`,
    `REGTEST_ALICE_PUBKEY=${state.pubkeys?.alice ?? ''}`,
    `REGTEST_BOB_SOCKET=127.0.0.1:${state.ports.bob.grpc}`,
    `REGTEST_BOB_CERT=${bob.cert}`,
    `REGTEST_BOB_MACAROON=${bob.macaroon}`,
    `REGTEST_BOB_PUBKEY=${state.pubkeys?.bob ?? ''}`,
  ];
  fs.writeFileSync(ENV_FILE, `${lines.join('\n')}\n`);
}
