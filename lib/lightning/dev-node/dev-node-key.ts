import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { secp256k1PublicKey } from "@/lib/lightning/dev-node/secp256k1-public-key";

// The development node's identity key, created on first use and kept in the database so its
// invoices stay verifiable across restarts.
export type DevNodeKey = { privateKey: string; publicKey: string };

const globalForKey = globalThis as unknown as { __devNodeKey?: Promise<DevNodeKey> };

export function devNodeKey(): Promise<DevNodeKey> {
  globalForKey.__devNodeKey ??= loadOrCreate().catch((error) => {
    globalForKey.__devNodeKey = undefined;
    throw error;
  });
  return globalForKey.__devNodeKey;
}

async function loadOrCreate(): Promise<DevNodeKey> {
  let row = await db().devNodeKey.findUnique({ where: { id: 1 } });
  if (!row) {
    try {
      row = await db().devNodeKey.create({ data: { id: 1, privateKey: randomBytes(32).toString("hex") } });
    } catch {
      // Two processes raced to create it; the loser reads the winner's key.
      row = await db().devNodeKey.findUniqueOrThrow({ where: { id: 1 } });
    }
  }
  return { privateKey: row.privateKey, publicKey: secp256k1PublicKey(row.privateKey) };
}
