#!/usr/bin/env node
// Points the site at an LND node of a Polar network (https://lightningpolar.com) by writing
// .env.lightning, the same file the native regtest harness writes and lib/env.ts loads.
//
//   node polar/connect.mjs [--network <id|name> | --path <network folder>] [--node alice]
//                          [--payer bob|none] [--macaroon admin|invoice] [--home <dir>] [--out <env file>]
//   node polar/connect.mjs --remove [--out <env file>]   delete it again (back to the dev node)
//
// Exit codes: 0 done, 1 one-line error, 2 several networks and no --network (they are listed).
// --out, not --env-file: Node itself reads --env-file even after the script name and exits when
// the file does not exist yet (nodejs/node#54232); --env-file is still accepted where it gets here.
// Builtins only: it must run before `npm install` and without Polar or Docker on the machine.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The first line marks the file as ours, so --remove never deletes the regtest harness's file.
const HEADER = '# Written by polar/connect.mjs';
// Polar names lightning nodes by their id (alice = 0, bob = 1, ...) across implementations and
// numbers host ports from fixed bases plus that id. Only a fallback: Polar moves a port when it
// is taken, and docker-compose.yml has the port actually published.
const POLAR_NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];
const LND_GRPC_BASE = 10001;
const LND_GRPC_IN_CONTAINER = '10009';
const STARTED = 1; // Polar's Status enum: Starting, Started, Stopping, Stopped, Error
// Folder names under volumes/ and image names, to tell implementations apart.
const KINDS = {
  lnd: 'LND', 'c-lightning': 'c-lightning', clightning: 'c-lightning', eclair: 'eclair', litd: 'litd',
  bitcoind: 'bitcoind', btcd: 'btcd', tapd: 'tapd',
};

class Failure extends Error {
  constructor(message, code = 1) { super(message); this.code = code; }
}

function main(argv) {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        network: { type: 'string' }, path: { type: 'string' }, node: { type: 'string' },
        payer: { type: 'string' }, home: { type: 'string' }, out: { type: 'string' }, 'env-file': { type: 'string' },
        macaroon: { type: 'string', default: 'admin' }, remove: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new Failure(`${error.message} (see --help)`);
  }
  if (args.help) {
    const usage = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(4, 11);
    console.log(usage.map((line) => line.replace(/^\/\/ ?/, '')).join('\n'));
    return;
  }
  const envFile = path.resolve(args.out ?? args['env-file'] ?? path.join(REPO_ROOT, '.env.lightning'));
  if (args.remove) return remove(envFile);
  // admin by default: the site's startup check calls getWalletInfo (info:read), which
  // invoice.macaroon (invoices, address, onchain:read) is refused.
  if (!['admin', 'invoice'].includes(args.macaroon)) throw new Failure(`--macaroon must be admin or invoice, not "${args.macaroon}"`);
  if (args.path && args.network) throw new Failure('give --network or --path, not both');

  const network = args.path ? networkAt(path.resolve(args.path)) : pickNetwork(args.home ?? os.homedir(), args.network);
  const nodes = listNodes(network);
  const site = pickSiteNode(network, nodes, args.node);
  const payer = pickPayer(network, nodes, site, args.payer);
  const siteFiles = lndFiles(network, site, args.macaroon);
  const payerFiles = payer && lndFiles(network, payer, 'admin', ' (or --payer none)'); // paying needs admin

  const lines = [
    `${HEADER} from Polar network ${network.label}; \`npm run polar -- --remove\` deletes it.`,
    '# Paths, not contents: a cert Polar regenerates is picked up by restarting the site.',
    `LND_SOCKET=127.0.0.1:${site.port}`,
    `LND_CERT=${envValue(siteFiles.cert)}`,
    `LND_MACAROON=${envValue(siteFiles.macaroon)}`,
  ];
  if (payer) {
    lines.push(
      `# ${payer.name} pays (tests and helpers read REGTEST_BOB_* whatever the node is called).`,
      `REGTEST_BOB_SOCKET=127.0.0.1:${payer.port}`,
      `REGTEST_BOB_CERT=${envValue(payerFiles.cert)}`,
      `REGTEST_BOB_MACAROON=${envValue(payerFiles.macaroon)}`,
    );
  }
  const previous = fs.existsSync(envFile) ? fs.readFileSync(envFile, 'utf8') : '';
  fs.mkdirSync(path.dirname(envFile), { recursive: true });
  fs.writeFileSync(envFile, `${lines.join('\n')}\n`);

  console.log(`Polar network ${network.label}: ${network.dir}`);
  console.log(`  site node  ${site.name} (LND) 127.0.0.1:${site.port}${site.guessed ? ' (not in docker-compose.yml: Polar\'s default numbering)' : ''}, ${args.macaroon}.macaroon`);
  console.log(payer
    ? `  payer      ${payer.name} (LND) 127.0.0.1:${payer.port} pays invoices (Polar: ${payer.name} -> Actions -> Pay Invoice)`
    : '  payer      none: no second LND node, so REGTEST_BOB_* are not written; pay from another Polar node');
  if (args.macaroon === 'invoice') console.log('  note       invoice.macaroon cannot call getWalletInfo: the site\'s startup check will report LND_MACAROON');
  if (previous && !previous.startsWith(HEADER)) console.log('  replaced   an env file not written by polar/connect (the regtest harness\'s?)');
  console.log(`Wrote ${envFile}. Restart \`npm run dev\` to use it; \`npm run polar -- --remove\` goes back.`);
  return warnIfClosed(site);
}

function remove(envFile) {
  if (!fs.existsSync(envFile)) return console.log(`${envFile} does not exist; nothing to remove.`);
  if (!fs.readFileSync(envFile, 'utf8').startsWith(HEADER)) {
    throw new Failure(`${envFile} was not written by polar/connect (regtest harness? use its stop); left alone`);
  }
  fs.rmSync(envFile);
  console.log(`Removed ${envFile}; the site uses its development node again after a restart.`);
}

// Polar keeps its data in ~/.local/share/polar when that folder exists, else in ~/.polar.
function networksFolder(home) {
  const candidates = [path.join(home, '.local', 'share', 'polar'), path.join(home, '.polar')];
  const root = candidates.find((dir) => fs.existsSync(dir));
  if (!root || !fs.existsSync(path.join(root, 'networks'))) {
    throw new Failure(`no Polar networks folder (looked for ${candidates.map((dir) => path.join(dir, 'networks')).join(' and ')}); create a network in Polar first`);
  }
  return path.join(root, 'networks');
}

// networks.json is Polar's own list (names, status, node implementations and ports).
function readJson(file) {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return undefined; }
}

function pickNetwork(home, wanted) {
  const folder = networksFolder(home);
  const saved = readJson(path.join(folder, 'networks.json'))?.networks ?? [];
  const networks = fs.readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(folder, entry.name, 'docker-compose.yml')))
    .map((entry) => networkAt(path.join(folder, entry.name), saved.find((n) => String(n.id) === entry.name)))
    .sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
  if (networks.length === 0) throw new Failure(`no networks in ${folder}; create one in Polar (2 LND nodes)`);
  const describe = (n) => `${n.id} "${n.name ?? '?'}"`;
  if (wanted !== undefined) {
    const found = networks.find((n) => n.id === wanted) ?? networks.filter((n) => n.name?.toLowerCase() === wanted.toLowerCase()).at(-1);
    if (!found) throw new Failure(`network "${wanted}" not found in ${folder}; there are: ${networks.map(describe).join(', ')}`);
    return found;
  }
  if (networks.length === 1) return networks[0];
  // Several: take the one Polar says is running, if exactly one is; otherwise ask.
  const started = networks.filter((n) => n.status === STARTED);
  if (started.length === 1) return started[0];
  const list = networks.map((n) => `  --network ${n.id.padEnd(4)} ${n.name ?? ''}`.trimEnd());
  throw new Failure(`${networks.length} Polar networks in ${folder}; pick one:\n${list.join('\n')}`, 2);
}

// A network folder: Polar's own (networks/<id>) or one unpacked from a .polar.zip export.
function networkAt(dir, saved) {
  if (!fs.existsSync(dir)) throw new Failure(`network folder ${dir} not found`);
  const json = saved ?? readJson(path.join(dir, 'export.json'))?.network
    ?? readJson(path.join(path.dirname(dir), 'networks.json'))?.networks?.find((n) => String(n.id) === path.basename(dir));
  const id = path.basename(dir);
  const name = json?.name;
  return { dir, id, name, status: json?.status, json, label: name ? `${id} "${name}"` : id };
}

// Nodes as docker-compose.yml runs them (service name = node name), completed by Polar's JSON.
function listNodes(network) {
  const composeFile = path.join(network.dir, 'docker-compose.yml');
  const services = fs.existsSync(composeFile) ? parseCompose(fs.readFileSync(composeFile, 'utf8')) : new Map();
  const saved = [...(network.json?.nodes?.lightning ?? []), ...(network.json?.nodes?.bitcoin ?? [])];
  const names = [...new Set([...services.keys(), ...saved.map((n) => n.name)])];
  if (names.length === 0) {
    // No compose file and no JSON: fall back to the folders under volumes/.
    for (const kind of Object.keys(KINDS)) {
      const dir = path.join(network.dir, 'volumes', kind);
      if (fs.existsSync(dir)) names.push(...fs.readdirSync(dir));
    }
  }
  return names.map((name) => {
    const service = services.get(name);
    const json = saved.find((n) => n.name === name);
    const kind = json?.implementation ?? kindFromService(name, service) ?? kindFromVolumes(network.dir, name);
    let port = service && hostPort(service.ports, LND_GRPC_IN_CONTAINER);
    const guessed = !port;
    if (!port) port = json?.ports?.grpc ?? (POLAR_NAMES.includes(name) ? LND_GRPC_BASE + (json?.id ?? POLAR_NAMES.indexOf(name)) : undefined);
    return { name, kind: kind ?? 'unknown', port, guessed };
  });
}

function describeNodes(nodes) {
  return nodes.map((n) => `${n.name} (${n.kind})`).join(', ');
}

function pickSiteNode(network, nodes, wanted) {
  if (wanted !== undefined) return requireLnd(network, nodes, wanted);
  const lnd = nodes.filter((n) => n.kind === 'LND');
  const node = lnd.find((n) => n.name === 'alice') ?? lnd[0];
  if (!node) throw new Failure(`network ${network.label} has no LND node (nodes: ${describeNodes(nodes) || 'none'}); add one in Polar`);
  return requireLnd(network, nodes, node.name);
}

function pickPayer(network, nodes, site, wanted) {
  if (wanted === 'none') return undefined;
  if (wanted !== undefined) {
    const node = requireLnd(network, nodes, wanted);
    if (node === site) throw new Failure(`--payer ${wanted} is the site's node; pick another LND node`);
    return node;
  }
  const others = nodes.filter((n) => n.kind === 'LND' && n.port && n !== site);
  return others.find((n) => n.name === 'bob') ?? others[0];
}

function requireLnd(network, nodes, name) {
  const node = nodes.find((n) => n.name === name);
  if (!node) throw new Failure(`node "${name}" not found in network ${network.label} (nodes: ${describeNodes(nodes) || 'none'})`);
  if (node.kind !== 'LND') {
    const lnd = nodes.filter((n) => n.kind === 'LND').map((n) => n.name);
    throw new Failure(`node "${name}" is a ${node.kind} node, not LND; LND nodes here: ${lnd.join(', ') || 'none'}`);
  }
  if (!node.port) throw new Failure(`no gRPC port for "${name}": docker-compose.yml maps none to ${LND_GRPC_IN_CONTAINER}`);
  return node;
}

// LND writes these when it first starts, so a network never started has none of them.
function lndFiles(network, node, macaroon, hint = '') {
  const dir = path.join(network.dir, 'volumes', 'lnd', node.name);
  const files = { cert: path.join(dir, 'tls.cert'), macaroon: path.join(dir, 'data', 'chain', 'bitcoin', 'regtest', `${macaroon}.macaroon`) };
  const missing = Object.values(files).filter((file) => !fs.existsSync(file));
  if (missing.length) throw new Failure(`missing ${missing.join(' and ')}: start network ${network.label} in Polar first${hint}`);
  return files;
}

// Just enough YAML for Polar's docker-compose.yml (js-yaml output): per service, its image and
// its `volumes:` and `ports:` lists. Other keys, and folded `command: >-` text, are skipped.
function parseCompose(text) {
  const services = new Map();
  let inServices = false, serviceIndent = -1, keyIndent = -1, current, list;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (!line.trim()) continue;
    const indent = line.search(/\S/);
    const body = line.trim();
    if (indent === 0) { inServices = body === 'services:'; current = undefined; continue; }
    if (!inServices) continue;
    if (serviceIndent < 0) serviceIndent = indent;
    if (indent <= serviceIndent) {
      const name = body.match(/^['"]?([^'":]+)['"]?:$/)?.[1];
      current = name ? { image: '', volumes: [], ports: [] } : undefined;
      if (name) services.set(name, current);
      keyIndent = -1; list = undefined;
      continue;
    }
    if (!current) continue;
    if (keyIndent < 0 && !body.startsWith('-')) keyIndent = indent;
    const item = body.match(/^-\s+(.*)$/);
    if (item && list && indent >= keyIndent) { current[list].push(unquote(item[1])); continue; }
    if (indent !== keyIndent) continue;
    const key = body.match(/^([\w-]+):\s*(.*)$/);
    list = key && (key[1] === 'ports' || key[1] === 'volumes') ? key[1] : undefined;
    if (key?.[1] === 'image') current.image = unquote(key[2]);
  }
  return services;
}

function unquote(value) {
  return value.trim().replace(/^(['"])(.*)\1$/, '$2');
}

// "10001:10009", "127.0.0.1:10001:10009" or "10001:10009/tcp" -> 10001 for container port 10009.
function hostPort(ports, containerPort) {
  for (const entry of ports) {
    const parts = entry.replace(/\/(tcp|udp)$/, '').split(':');
    if (parts.length >= 2 && parts.at(-1) === containerPort && /^\d+$/.test(parts.at(-2))) return Number(parts.at(-2));
  }
  return undefined;
}

// Polar mounts ./volumes/<implementation folder>/<node name>; the image name says it too.
function kindFromService(name, service) {
  if (!service) return undefined;
  for (const volume of service.volumes) {
    const match = volume.match(/^(?:\.\/)?volumes\/([^/:]+)\/([^/:]+)/);
    if (match && match[2] === name && KINDS[match[1]]) return KINDS[match[1]];
  }
  const image = service.image.match(/^polarlightning\/([a-z-]+)/)?.[1];
  return image && KINDS[image];
}

function kindFromVolumes(dir, name) {
  return Object.keys(KINDS).filter((kind) => fs.existsSync(path.join(dir, 'volumes', kind, name))).map((kind) => KINDS[kind])[0];
}

// Node's dotenv parser reads "#" as a comment and expands "\n" in double quotes: single-quote
// paths that need it (spaces, Windows backslashes).
function envValue(value) {
  return /[\s#"'\\]/.test(value) && !value.includes("'") ? `'${value}'` : value;
}

// A hint only: the file is right either way, but a closed port usually means the network is stopped.
function warnIfClosed(node) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port: node.port });
    let finished = false;
    const done = (open) => {
      if (finished) return;
      finished = true;
      socket.destroy();
      if (!open) console.log(`Note: nothing answers on 127.0.0.1:${node.port} yet; start the network in Polar (or check ${node.name}'s Connect tab for the GRPC Host).`);
      resolve();
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof Failure)) throw error;
  console.error(`polar: ${error.message}`);
  process.exitCode = error.code;
}
