import type { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";

// The one interface every paid thing implements (after Stacker News' paid actions): one file per
// action under lib/payments/actions/, listed in actions/index.ts. The engine (open-payment.ts,
// node-sync.ts, transitions.ts) finds, issues, renews and settles payments for any of them and
// names none; `onPaid` runs in the transaction that completes the payment, so what it grants
// (entitlements), the money it shares (ledger entries) and the counters it moves commit together
// with the completion, or not at all.

export type Tx = Prisma.TransactionClient;

/**
 * Who pays: a browser (its buyer id cookie), a wallet paying a Lightning Address (no browser), or
 * a machine answering an L402 challenge (no browser; its proof is the preimage).
 */
export type Payer = { kind: "browser"; buyerId: string } | { kind: "wallet" } | { kind: "machine" };
export type PayerKind = Payer["kind"];

/** A completed payment as onPaid sees it, read inside the completing transaction. */
export type PaidPayment = {
  id: string;
  buyerId: string | null;
  articleId: string | null;
  args: unknown;
  amountSats: number;
  receivedMsats: bigint;
  settledAt: Date;
};

/**
 * What a receipt says about the thing bought, never its content: its title, what the receipt
 * link does ("opens the article on any device") and any further plain lines (a pass's end).
 */
export type ReceiptSubject = { title: string; linkOpens: string; details: string[] };

export type Invoiced = { amountMsats: bigint; description: string } | { amountMsats: bigint; descriptionHash: string };

export interface PaidAction<Args = unknown, Subject = unknown> {
  /** Stored as Payment.purpose; the only place this literal appears. */
  readonly type: string;
  /** What a client may send; parsed at the edge and again when read back from Payment.args. */
  readonly args: z.ZodType<Args>;
  /** Who may pay for it. */
  readonly payers: readonly PayerKind[];
  /** Loads and checks what is being paid for (visible, on sale); null: refuse with a 4xx. */
  subject(args: Args): Promise<Subject | null>;
  /** The invoice: amount in msats and its description (or the hash of one, for LNURL-pay). */
  invoice(subject: Subject, args: Args, siteName: string): Invoiced;
  /** The article the payment is about (Payment.articleId), if any: withdrawn articles stop sales. */
  articleId(args: Args): string | null;
  /**
   * One open or complete payment per key: the same payer asking again gets the same payment.
   * Computed from the arguments alone, so a returning payer costs one indexed SELECT.
   */
  reuseKey?(args: Args, payer: Payer): string;
  /** With a reuse key: release it when the payment completes, so the payer can buy again. */
  readonly repeatable?: boolean;
  /** In the completing transaction: entitlements, ledger entries, counters. Must use `tx` only. */
  onPaid(tx: Tx, payment: PaidPayment): Promise<void>;
  /**
   * Only things with a receipt (a link that restores them in another browser): what the receipt
   * mail says about it. Read with `tx` (after onPaid, in the completing transaction, or later).
   */
  receipt?(tx: Tx, payment: { id: string; args: unknown }): Promise<ReceiptSubject | null>;
}
