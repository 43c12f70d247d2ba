import "server-only";
import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from "node:crypto";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { appSecret } from "@/lib/security/app-secret";
import { dropRetiredBefore, needsNewKey, publishedUntil } from "@/lib/access-tokens/key-schedule";
import { seal, unseal } from "@/lib/access-tokens/key-sealing";
import { allKeyRows, currentKeyRow, deleteKeyRow, deleteKeysRetiredBefore, insertKeyRetiringOlder, type SigningKeyRow } from "@/lib/access-tokens/signing-key-queries";

// Ed25519 (JWS alg "EdDSA"): deterministic signatures (no per-signature nonce to get wrong),
// 32-byte keys, fast to sign and verify, supported by jose and most JWT libraries.
export const TOKEN_ALG = "EdDSA";

/** A published key: only these public members ever leave the server (never `d`). */
export type PublicJwk = { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: string; use: "sig" };

const privateKeys = new Map<string, KeyObject>();
let creating: Promise<SigningKeyRow> | undefined;
const PRUNE_EVERY_MS = 60_000;
let prunedAt = 0;

async function createKey(): Promise<SigningKeyRow> {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const { x } = publicKey.export({ format: "jwk" });
  const id = randomBytes(16).toString("base64url");
  const publicJwk: PublicJwk = { kty: "OKP", crv: "Ed25519", x: x!, kid: id, alg: TOKEN_ALG, use: "sig" };
  const row = {
    id,
    alg: TOKEN_ALG,
    publicJwk: JSON.stringify(publicJwk),
    privateKeySealed: seal(privateKey.export({ format: "der", type: "pkcs8" }), appSecret()),
    createdAt: new Date(),
  };
  try {
    await insertKeyRetiringOlder(row);
  } catch (error) {
    // Prisma's messages can quote the arguments of the failed call, the sealed key among them:
    // only the error code reaches the log.
    throw new Error(`access-token signing key could not be stored (${(error as { code?: string }).code ?? "database error"})`);
  }
  privateKeys.set(id, privateKey);
  log.info("access-token signing key created", { kid: id });
  return { ...row, retiredAt: null };
}

/** One key creation at a time in this process (concurrent first requests share it). */
function newKey(): Promise<SigningKeyRow> {
  creating ??= createKey().finally(() => (creating = undefined));
  return creating;
}

/** The current key, making a new one when there is none or it is past ACCESS_TOKEN_KEY_DAYS. */
async function currentKey(): Promise<SigningKeyRow> {
  const current = await currentKeyRow();
  return current && !needsNewKey(current, new Date(), getEnv().ACCESS_TOKEN_KEY_DAYS) ? current : newKey();
}

/** The key to sign with now, and its id (the `kid` header). */
export async function signingKey(): Promise<{ kid: string; key: KeyObject }> {
  const row = await currentKey();
  const cached = privateKeys.get(row.id);
  if (cached) return { kid: row.id, key: cached };
  try {
    const key = createPrivateKey({ key: unseal(row.privateKeySealed, appSecret()), format: "der", type: "pkcs8" });
    privateKeys.set(row.id, key);
    return { kid: row.id, key };
  } catch {
    // Sealed under another APP_SECRET (it was changed): a new key takes over; the old one stays
    // published until its tokens have expired.
    log.warn("access-token signing key unreadable with this APP_SECRET; making a new one", { kid: row.id });
    const fresh = await newKey();
    return { kid: fresh.id, key: privateKeys.get(fresh.id)! };
  }
}

function publicMembers(row: SigningKeyRow): PublicJwk {
  const jwk = JSON.parse(row.publicJwk) as PublicJwk;
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: row.id, alg: row.alg, use: "sig" };
}

/** The keys tokens may verify with now (read only): the current one and retired ones with live tokens. */
export async function publicKeySet(): Promise<PublicJwk[]> {
  const keepFrom = dropRetiredBefore(new Date(), getEnv().ACCESS_TOKEN_SECONDS);
  return (await allKeyRows()).filter((row) => !row.retiredAt || row.retiredAt >= keepFrom).map(publicMembers);
}

/** The JWKS: makes the current key if due (so it is published before its first token), deletes expired ones. */
export async function publishedKeys(): Promise<PublicJwk[]> {
  // A write at most once a minute, however often the public JWKS is fetched.
  if (Date.now() - prunedAt >= PRUNE_EVERY_MS) {
    prunedAt = Date.now();
    await deleteKeysRetiredBefore(dropRetiredBefore(new Date(), getEnv().ACCESS_TOKEN_SECONDS));
  }
  await currentKey();
  return publicKeySet();
}

export type KeySummary = { kid: string; alg: string; createdAt: string; retiredAt: string | null; publishedUntil: string | null };

/** For the admins: every stored key and until when it is published (null: it signs now). */
export async function keySummaries(): Promise<KeySummary[]> {
  const seconds = getEnv().ACCESS_TOKEN_SECONDS;
  return (await allKeyRows()).map((row) => ({
    kid: row.id,
    alg: row.alg,
    createdAt: row.createdAt.toISOString(),
    retiredAt: row.retiredAt?.toISOString() ?? null,
    publishedUntil: publishedUntil(row.retiredAt, seconds)?.toISOString() ?? null,
  }));
}

/** An admin's forced rotation: a new key signs from now on; the old one stays published until its tokens expire. */
export async function rotateSigningKey(): Promise<string> {
  return (await newKey()).id;
}

/** An admin's removal (a key believed leaked): gone from the JWKS at once; the next token gets a new key. */
export async function removeSigningKey(kid: string): Promise<boolean> {
  privateKeys.delete(kid);
  return deleteKeyRow(kid);
}
