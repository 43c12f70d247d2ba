import "server-only";
import { settleDevInvoice } from "@/lib/lightning/dev-node/dev-invoice-queries";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { devNodeKey } from "@/lib/lightning/dev-node/dev-node-key";
import { decodeInvoice } from "@/lib/lightning/dev-node/invoice-codec";
import { devSettlementFeed } from "@/lib/lightning/dev-node/settlement-feed";

export type DevWalletPayment = { paymentHash: string; preimage: string; settleIndex: number; settledAt: string; amountMsats: string };

// The development wallet: the only way an invoice of the development node gets settled. Like a
// real wallet it verifies the invoice's signature and refuses foreign, unknown, expired and
// already-paid invoices; unlike one it moves no money.
export async function payWithDevWallet(request: string): Promise<DevWalletPayment> {
  let decoded;
  try {
    decoded = decodeInvoice(request.trim());
  } catch {
    throw new AppError(400, "Not a valid BOLT11 invoice", "invalid_invoice");
  }
  const key = await devNodeKey();
  if (decoded.network !== "bcrt" || decoded.payeePubkey !== key.publicKey) {
    throw new AppError(422, "This invoice was not issued by this site's development node; the dev wallet can only pay those", "foreign_invoice");
  }
  const invoice = await db().devInvoice.findUnique({ where: { paymentHash: decoded.paymentHash } });
  if (!invoice || invoice.request !== request.trim().toLowerCase()) {
    throw new AppError(404, "Unknown invoice", "unknown_invoice");
  }
  if (invoice.settledAt) throw new AppError(409, "Invoice already paid", "already_paid");
  if (invoice.canceledAt) throw new AppError(410, "Invoice canceled by the site", "invoice_canceled");
  if (invoice.expiresAt.getTime() <= Date.now()) throw new AppError(410, "Invoice expired", "invoice_expired");

  // One statement: SQLite runs it atomically, so two wallets paying at once settle it once and
  // settle indexes stay unique and gapless.
  const settledAt = new Date();
  const changed = await settleDevInvoice(invoice.paymentHash, settledAt);
  if (changed !== 1) throw new AppError(409, "Invoice already paid or canceled", "already_paid");

  const settled = await db().devInvoice.findUniqueOrThrow({ where: { paymentHash: invoice.paymentHash } });
  devSettlementFeed().emit("settled");
  return {
    paymentHash: settled.paymentHash,
    preimage: settled.preimage,
    settleIndex: Number(settled.settleIndex ?? 0),
    settledAt: (settled.settledAt ?? settledAt).toISOString(),
    amountMsats: settled.amountMsats.toString(),
  };
}
