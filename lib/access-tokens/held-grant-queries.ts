import "server-only";
import { db } from "@/lib/db/client";
import type { Reader } from "@/lib/buyers/reader";
import { Prisma } from "@/lib/generated/prisma/client";
import { PASS } from "@/lib/access/entitlements";
import { heldConditions } from "@/lib/access/entitlement-queries";

/** The reader's running pass for this resource that runs longest (null: none). */
export async function heldPass(reader: Reader, resource: string): Promise<{ entitlementId: string; validUntil: Date } | null> {
  const held = heldConditions(reader);
  if (held.length === 0) return null;
  const [row] = await db().$queryRaw<Array<{ id: string; validUntil: Date | string }>>`
    SELECT e."id", e."validUntil" FROM "Entitlement" e
     WHERE e."kind" = ${PASS} AND e."resource" = ${resource} AND e."validUntil" > ${new Date()} AND (${Prisma.join(held, " OR ")})
     ORDER BY e."validUntil" DESC
     LIMIT 1`;
  return row ? { entitlementId: row.id, validUntil: new Date(row.validUntil) } : null;
}

/** What the payment behind an entitlement brought in, in msats (the node's figure; the price before it settles). */
export async function paidMsatsOf(entitlementId: string): Promise<{ paymentId: string; paidMsats: bigint } | null> {
  const row = await db().entitlement.findUnique({
    where: { id: entitlementId },
    select: { payment: { select: { id: true, amountSats: true, receivedMsats: true, status: true } } },
  });
  if (!row || row.payment.status !== "complete") return null;
  return { paymentId: row.payment.id, paidMsats: row.payment.receivedMsats ?? BigInt(row.payment.amountSats) * 1000n };
}
