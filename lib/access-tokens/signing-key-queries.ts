import "server-only";
import { db } from "@/lib/db/client";

export type SigningKeyRow = { id: string; alg: string; publicJwk: string; privateKeySealed: string; createdAt: Date; retiredAt: Date | null };

/** The key that signs now: the newest one not retired. */
export function currentKeyRow(): Promise<SigningKeyRow | null> {
  return db().signingKey.findFirst({ where: { retiredAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

/**
 * Stores a new key and retires every older unretired one, in one transaction. Two processes
 * making a key at once each retire only keys older than their own, so the newest one signs and
 * the other stays published like any retired key.
 */
export async function insertKeyRetiringOlder(row: Omit<SigningKeyRow, "retiredAt">): Promise<void> {
  await db().$transaction([
    db().signingKey.create({ data: { ...row, retiredAt: null } }),
    db().signingKey.updateMany({
      where: { retiredAt: null, OR: [{ createdAt: { lt: row.createdAt } }, { createdAt: row.createdAt, id: { lt: row.id } }] },
      data: { retiredAt: row.createdAt },
    }),
  ]);
}

/** Every stored key, newest first (the JWKS and the admin list). */
export function allKeyRows(): Promise<SigningKeyRow[]> {
  return db().signingKey.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

/** Deletes retired keys whose last token has expired. */
export async function deleteKeysRetiredBefore(moment: Date): Promise<number> {
  return (await db().signingKey.deleteMany({ where: { retiredAt: { lt: moment } } })).count;
}

/** Removes a key at once (an admin's decision): its tokens stop verifying once verifiers refetch the JWKS. */
export async function deleteKeyRow(id: string): Promise<boolean> {
  return (await db().signingKey.deleteMany({ where: { id } })).count === 1;
}
