import "server-only";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { RootKey } from "@/lib/l402/l402-macaroon";
import { findCurrentRootKey, findRootKey, insertRootKey, markRootKeyRevoked } from "@/lib/l402/root-key-queries";

// The root keys as the verifier sees them, cached in memory so a verification costs no database
// read. Rotating or revoking here clears this process's cache at once. Other processes (several
// instances, issue #12) see a change within CACHE_MS, when their entry is read again; a shared
// invalidation (the event bus) can replace the TTL then.

const CACHE_MS = 30_000;
type Entry = { secret: Buffer | "revoked"; readAt: number };
const byId = new Map<string, Entry>();
let current: { key: RootKey; readAt: number } | null = null;
// Ids of keys looked up; bounded so random ids sent by a client cannot grow memory.
const MAX_CACHED = 1000;

/** The secret of a key (for verification), "revoked", or null when unknown. */
export async function rootKeySecret(id: string): Promise<Buffer | "revoked" | null> {
  const cached = byId.get(id);
  if (cached && Date.now() - cached.readAt < CACHE_MS) return cached.secret;
  const row = await findRootKey(id);
  if (!row) return null;
  if (byId.size >= MAX_CACHED) byId.clear();
  const secret = row.revokedAt ? ("revoked" as const) : row.secret;
  byId.set(id, { secret, readAt: Date.now() });
  return secret;
}

/** The key new tokens are signed with; the first one is made on first use. */
export async function currentRootKey(): Promise<RootKey> {
  if (current && Date.now() - current.readAt < CACHE_MS) return current.key;
  const row = (await findCurrentRootKey()) ?? (await insertRootKey());
  current = { key: { id: row.id, secret: row.secret }, readAt: Date.now() };
  return current.key;
}

/** A new current key; tokens of the older ones stay valid. Returns the new key's id only. */
export async function rotateRootKey(): Promise<{ id: string }> {
  const row = await insertRootKey();
  current = { key: { id: row.id, secret: row.secret }, readAt: Date.now() };
  log.info("l402 root key rotated", { rootKeyId: row.id });
  return { id: row.id };
}

/** Revokes a key: every token it signed is refused from now on (in this process at once). */
export async function revokeRootKey(id: string): Promise<{ id: string; revoked: true }> {
  const changed = await markRootKeyRevoked(id);
  byId.delete(id);
  if (current?.key.id === id) current = null;
  if (!changed && !(await findRootKey(id))) throw new AppError(404, "No such root key", "not_found");
  if (changed) log.info("l402 root key revoked", { rootKeyId: id });
  return { id, revoked: true };
}

/** Tests: forget the cache (another process's change, or a fresh database). */
export function forgetRootKeys() {
  byId.clear();
  current = null;
}
