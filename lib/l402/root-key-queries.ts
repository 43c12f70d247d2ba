import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { ROOT_KEY_ID_BYTES } from "@/lib/l402/l402-identifier";

// The L402 root keys (model L402RootKey). The newest key not revoked is the current one.

export type RootKeyRow = { id: string; secret: Buffer; createdAt: Date; revokedAt: Date | null };
export type RootKeyListing = { id: string; createdAt: Date; revokedAt: Date | null; current: boolean };

export async function findRootKey(id: string): Promise<RootKeyRow | null> {
  const row = await db().l402RootKey.findUnique({ where: { id } });
  return row && { ...row, secret: Buffer.from(row.secret) };
}

export async function findCurrentRootKey(): Promise<RootKeyRow | null> {
  const row = await db().l402RootKey.findFirst({ where: { revokedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return row && { ...row, secret: Buffer.from(row.secret) };
}

/** A new key, current from now on (older keys keep verifying their tokens until revoked). */
export async function insertRootKey(): Promise<RootKeyRow> {
  const row = await db().l402RootKey.create({ data: { id: randomBytes(ROOT_KEY_ID_BYTES).toString("hex"), secret: new Uint8Array(randomBytes(32)), createdAt: new Date() } });
  return { ...row, secret: Buffer.from(row.secret) };
}

/** One conditional UPDATE: true when this call revoked it (false: unknown or already revoked). */
export async function markRootKeyRevoked(id: string): Promise<boolean> {
  const { count } = await db().l402RootKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}

/** Every key, newest first, without its secret. */
export async function listRootKeys(): Promise<RootKeyListing[]> {
  const rows = await db().l402RootKey.findMany({ select: { id: true, createdAt: true, revokedAt: true }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 100 });
  const current = rows.find((row) => row.revokedAt === null)?.id;
  return rows.map((row) => ({ ...row, current: row.id === current }));
}
