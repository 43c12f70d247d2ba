import "server-only";
import { AppError } from "@/lib/errors";
import { eventBus } from "@/lib/events/event-bus";
import { log } from "@/lib/log";
import type { RootKey } from "@/lib/l402/l402-macaroon";
import { findCurrentRootKey, findRootKey, insertRootKey, markRootKeyRevoked } from "@/lib/l402/root-key-queries";

// The root keys as the verifier sees them, cached in memory so a verification costs no database
// read. A rotation or revocation is published on the event bus (on PostgreSQL LISTEN/NOTIFY,
// heard by every instance), and every process that hears it drops its cache, so a revoked key is
// refused everywhere within the NOTIFY's round trip. An event can be lost (a LISTEN connection
// down at that moment): CACHE_MS bounds how long a stale entry can live then.

const CACHE_MS = 5_000;
export const ROOT_KEYS_TOPIC = "l402-root-keys";
type Entry = { secret: Buffer | "revoked"; readAt: number };
const byId = new Map<string, Entry>();
let current: { key: RootKey; readAt: number } | null = null;
// Ids of keys looked up; bounded so random ids sent by a client cannot grow memory.
const MAX_CACHED = 1000;
// This module's cache listens once (Next.js may load the module once per bundle: each copy
// subscribes for its own cache).
let listening = false;
// Bumped by every forget: a read that started before an invalidation does not cache what it read.
let generation = 0;
function listen() {
  if (listening) return;
  listening = true;
  eventBus().subscribe(ROOT_KEYS_TOPIC, forgetRootKeys);
}

/** The secret of a key (for verification), "revoked", or null when unknown. */
export async function rootKeySecret(id: string): Promise<Buffer | "revoked" | null> {
  listen();
  const cached = byId.get(id);
  if (cached && Date.now() - cached.readAt < CACHE_MS) return cached.secret;
  const before = generation;
  const row = await findRootKey(id);
  if (!row) return null;
  if (byId.size >= MAX_CACHED) byId.clear();
  const secret = row.revokedAt ? ("revoked" as const) : row.secret;
  if (before === generation) byId.set(id, { secret, readAt: Date.now() });
  return secret;
}

/** The key new tokens are signed with; the first one is made on first use. */
export async function currentRootKey(): Promise<RootKey> {
  listen();
  if (current && Date.now() - current.readAt < CACHE_MS) return current.key;
  const before = generation;
  const row = (await findCurrentRootKey()) ?? (await insertRootKey());
  const key = { id: row.id, secret: row.secret };
  if (before === generation) current = { key, readAt: Date.now() };
  return key;
}

/** A new current key; tokens of the older ones stay valid. Returns the new key's id only. */
export async function rotateRootKey(): Promise<{ id: string }> {
  const row = await insertRootKey();
  current = { key: { id: row.id, secret: row.secret }, readAt: Date.now() };
  eventBus().publish(ROOT_KEYS_TOPIC, "rotated");
  log.info("l402 root key rotated", { rootKeyId: row.id });
  return { id: row.id };
}

/** Revokes a key: every token it signed is refused from now on (in every instance within moments). */
export async function revokeRootKey(id: string): Promise<{ id: string; revoked: true }> {
  const changed = await markRootKeyRevoked(id);
  byId.delete(id);
  if (current?.key.id === id) current = null;
  if (changed) eventBus().publish(ROOT_KEYS_TOPIC, "revoked");
  if (!changed && !(await findRootKey(id))) throw new AppError(404, "No such root key", "not_found");
  if (changed) log.info("l402 root key revoked", { rootKeyId: id });
  return { id, revoked: true };
}

/** Forgets the cache: another process rotated or revoked a key (tests: a fresh database). */
export function forgetRootKeys() {
  generation++;
  byId.clear();
  current = null;
}
