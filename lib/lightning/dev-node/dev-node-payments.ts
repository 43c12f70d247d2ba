import "server-only";
import { db } from "@/lib/db/client";
import type { DecodedInvoice, PaymentLookup, PayResult } from "@/lib/lightning/backend";
import { devWalletKey } from "@/lib/lightning/dev-node/dev-wallet-receive";

// The development node's outgoing payments: it can pay only invoices of the dev wallet
// (DevWalletInvoice rows) and moves no money. A payment is one conditional UPDATE, so paying the
// same invoice twice (two processes, a retry after a crash) settles it once, as LND would refuse
// a second payment of one hash.

/** A fixed routing fee, so the books' fee handling is exercised without LND: 1 sat, or less if capped. */
export const DEV_ROUTING_FEE_MSATS = 1000n;

export async function payDevWalletInvoice(invoice: DecodedInvoice, maxFeeMsats: bigint): Promise<PayResult> {
  const wallet = await devWalletKey();
  if (invoice.destination !== wallet.publicKey) {
    return { status: "failed", reason: "The development node can pay only invoices of the dev wallet (npm run dev-wallet -- receive <sats>)" };
  }
  const row = await db().devWalletInvoice.findUnique({ where: { paymentHash: invoice.paymentHash } });
  if (!row || row.request !== invoice.paymentRequest) return { status: "failed", reason: "The dev wallet does not know this invoice" };
  if (row.paidAt) return succeeded(row);
  if (row.expiresAt.getTime() <= Date.now()) return { status: "failed", reason: "Invoice expired" };
  if (row.amountMsats === null) return { status: "failed", reason: "The development node does not pay amountless invoices" };
  const feeMsats = maxFeeMsats < DEV_ROUTING_FEE_MSATS ? maxFeeMsats : DEV_ROUTING_FEE_MSATS;
  // One conditional UPDATE (... WHERE "paidAt" IS NULL).
  await db().devWalletInvoice.updateMany({ where: { paymentHash: row.paymentHash, paidAt: null }, data: { paidAt: new Date(), feeMsats, paidMsats: row.amountMsats } });
  // Whoever won the UPDATE, the invoice is paid once; report what the row says.
  return succeeded(await db().devWalletInvoice.findUniqueOrThrow({ where: { paymentHash: row.paymentHash } }));
}

export async function devPaymentLookup(paymentHash: string): Promise<PaymentLookup> {
  const row = await db().devWalletInvoice.findUnique({ where: { paymentHash } });
  // The dev node pays synchronously: an unpaid row was never paid by it.
  return row?.paidAt ? succeeded(row) : { status: "unknown" };
}

function succeeded(row: { preimage: string; feeMsats: bigint | null }) {
  return { status: "succeeded" as const, feeMsats: row.feeMsats ?? 0n, preimage: row.preimage };
}
