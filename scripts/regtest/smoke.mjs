#!/usr/bin/env node
// End-to-end check of a running regtest network: alice issues an invoice, `regtest.mjs pay`
// pays it from bob, alice must then report it settled with the same preimage.
//   node scripts/regtest/smoke.mjs [amount_sats]
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { readLndEnv } from './lnd-env.mjs';
import { lncli, readState } from './lib/nodes.mjs';

const execFileAsync = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const amount = Number(process.argv[2] ?? 1000);

try {
  const state = readState();
  if (!state?.ready) throw new Error('regtest is not started');
  const env = readLndEnv(); // also proves the env file and its paths are usable
  if (!env.alice.cert || !env.bob.macaroon) throw new Error('lnd-env returned empty credentials');

  const invoice = await lncli(state, 'alice', ['addinvoice', `--amt=${amount}`, '--memo=regtest smoke']);
  const { stdout } = await execFileAsync(process.execPath, [path.join(here, 'regtest.mjs'), 'pay', invoice.payment_request]);
  const preimage = stdout.trim();
  if (createHash('sha256').update(Buffer.from(preimage, 'hex')).digest('hex') !== invoice.r_hash) {
    throw new Error(`preimage ${preimage} does not hash to ${invoice.r_hash}`);
  }
  const settled = await lncli(state, 'alice', ['lookupinvoice', invoice.r_hash]);
  if (settled.state !== 'SETTLED' || Number(settled.amt_paid_sat) !== amount) {
    throw new Error(`alice reports the invoice as ${settled.state}, paid ${settled.amt_paid_sat}`);
  }
  console.log(`smoke: ok, ${amount} sat paid bob -> alice, preimage ${preimage}`);
} catch (error) {
  console.error(`smoke: FAILED: ${error.message}`);
  process.exit(1);
}
