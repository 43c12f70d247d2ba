import "server-only";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

// Abandoned rows cost disk and slow every count: after UNPAID_RETENTION_DAYS, payments that
// never completed (expired, error, or never got an invoice) and buyers that own nothing and
// belong to no account are deleted, in batches so a big backlog never holds a long lock.
// A complete payment is never deleted. The retention is far longer than any invoice can live
// (INVOICE_EXPIRY_SECONDS is at most a day), so no payable invoice loses its row.
const BATCH = 500;
const PRUNABLE = ["expired", "error", "pending_invoice"];

export async function pruneUnpaid(now = new Date()): Promise<{ payments: number; buyers: number }> {
  const cutoff = new Date(now.getTime() - getEnv().UNPAID_RETENTION_DAYS * 86_400_000);
  let payments = 0;
  for (;;) {
    const rows = await db().payment.findMany({ where: { status: { in: PRUNABLE }, updatedAt: { lt: cutoff } }, select: { id: true }, take: BATCH });
    if (rows.length === 0) break;
    // The status is checked again in the DELETE: a row renewed meanwhile stays.
    const { count } = await db().payment.deleteMany({ where: { id: { in: rows.map((row) => row.id) }, status: { in: PRUNABLE }, updatedAt: { lt: cutoff } } });
    payments += count;
    if (rows.length < BATCH) break;
  }
  let buyers = 0;
  for (;;) {
    const rows = await db().buyer.findMany({ where: { userId: null, createdAt: { lt: cutoff }, payments: { none: {} } }, select: { id: true }, take: BATCH });
    if (rows.length === 0) break;
    const { count } = await db().buyer.deleteMany({ where: { id: { in: rows.map((row) => row.id) }, userId: null, payments: { none: {} } } });
    buyers += count;
    if (rows.length < BATCH) break;
  }
  return { payments, buyers };
}
