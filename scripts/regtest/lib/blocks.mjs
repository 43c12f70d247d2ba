// Keeps the regtest chain across btcd restarts.
//
// btcd deletes its whole block database whenever it starts with --regtest (removeRegressionDB
// in btcd.go; there is no option to keep it). lnd's wallets and channels refer to the old
// blocks, so a restarted network needs that exact chain back. We keep a copy of every block
// in .regtest/blocks.txt and feed them back with `submitblock` after btcd starts: the same
// blocks give the same hashes, and lnd finds the chain it knew.
//
// The copy is brought up to date whenever this harness mines or stops (lnd never mines), so
// only blocks mined behind our back and not yet copied would be lost by a crash.
import fs from 'node:fs';
import path from 'node:path';
import { STATE_DIR, btcdRpc } from './nodes.mjs';

const ARCHIVE = path.join(STATE_DIR, 'blocks.txt'); // one line per block: "<height> <hash> <hex>"

function readArchive() {
  if (!fs.existsSync(ARCHIVE)) return [];
  return fs.readFileSync(ARCHIVE, 'utf8').split('\n').filter(Boolean).map((line) => {
    const [height, hash, hex] = line.split(' ');
    return { height: Number(height), hash, hex };
  });
}

// Appends the blocks btcd has and the copy lacks. If the copy no longer matches btcd's chain
// (which only a reorg could cause), it is rebuilt from scratch.
export async function archiveBlocks(ports) {
  let blocks = readArchive();
  const last = blocks.at(-1);
  if (last && (await btcdRpc(ports, 'getblockhash', [last.height]).catch(() => null)) !== last.hash) {
    blocks = [];
    fs.rmSync(ARCHIVE, { force: true });
  }
  const tip = await btcdRpc(ports, 'getblockcount');
  const lines = [];
  for (let height = blocks.length + 1; height <= tip; height += 1) {
    const hash = await btcdRpc(ports, 'getblockhash', [height]);
    const hex = await btcdRpc(ports, 'getblock', [hash, 0]); // verbosity 0: raw block as hex
    lines.push(`${height} ${hash} ${hex}\n`);
  }
  if (lines.length) fs.appendFileSync(ARCHIVE, lines.join(''));
  return tip;
}

// Submits the saved blocks to a freshly started (empty) btcd and checks it ends on the same tip.
export async function replayBlocks(ports) {
  const blocks = readArchive();
  for (const block of blocks) {
    const rejected = await btcdRpc(ports, 'submitblock', [block.hex]);
    if (rejected) throw new Error(`btcd rejected saved block ${block.height}: ${rejected}`);
  }
  const tip = await btcdRpc(ports, 'getblockcount');
  const last = blocks.at(-1);
  if (last && (tip !== last.height || (await btcdRpc(ports, 'getblockhash', [tip])) !== last.hash)) {
    throw new Error(`btcd tip after replay is ${tip}, expected ${last.height} ${last.hash}`);
  }
  return blocks.length;
}
