// For tests: the regtest nodes' connection settings from .env.lightning, in the shape the
// `lightning` package's authenticatedLndGrpc({ socket, cert, macaroon }) expects.
//
//   import { readLndEnv } from '../scripts/regtest/lnd-env.mjs';
//   const { alice, bob } = readLndEnv(); // throws if the regtest network was never started
//
// cert and macaroon are the whole files as base64, read now (they change when the network is
// recreated, so call this after `regtest.mjs start`, not at import time of a long-lived module).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LND_ENV_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)), '../..', process.env.REGTEST_ENV_FILE || '.env.lightning',
);

// Minimal dotenv: KEY=VALUE lines, # comments, optional surrounding quotes.
export function parseEnvFile(text) {
  const vars = {};
  for (const line of text.split(/\r?\n/)) {
    const match = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/);
    if (!match) continue;
    vars[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return vars;
}

function node(vars, prefix, label) {
  const socket = vars[`${prefix}SOCKET`];
  const certPath = vars[`${prefix}CERT`];
  const macaroonPath = vars[`${prefix}MACAROON`];
  if (!socket || !certPath || !macaroonPath) {
    throw new Error(`${LND_ENV_FILE} has no ${prefix}SOCKET/CERT/MACAROON for ${label}`);
  }
  return {
    socket,
    cert: fs.readFileSync(certPath).toString('base64'),
    macaroon: fs.readFileSync(macaroonPath).toString('base64'),
  };
}

export function readLndEnv(file = LND_ENV_FILE) {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} not found: run \`node scripts/regtest/regtest.mjs start\` first`);
  }
  const vars = parseEnvFile(fs.readFileSync(file, 'utf8'));
  return { alice: node(vars, 'LND_', 'alice'), bob: node(vars, 'REGTEST_BOB_', 'bob') };
}
