import { expect } from "vitest";
import { db } from "@/lib/db/client";
import type { LightningBackend } from "@/lib/lightning/backend";
import { createLndBackend } from "@/lib/lightning/lnd/lnd-backend";
import { lndCredentials } from "@/lib/lightning/lnd/lnd-credentials";
import { ledgerImbalance, ledgerReceivedMsats } from "@/lib/ledger/ledger-queries";
import { aliceSettings } from "@/test/support/regtest-network";

// The books check every money test ends with: the ledger balances (all entries sum to zero) and
// what it says the node received equals what the node itself reports for every completed
// payment, asked invoice by invoice (the node may hold other tests' invoices too).

/** Alice (the site's LND in the regtest harness) as a backend the test process can ask. */
export function aliceNode(): LightningBackend {
  const settings = aliceSettings();
  return createLndBackend(lndCredentials(settings));
}

/** The dev node keeps its invoices in the shared database. */
export const devNode = {
  async getInvoice(paymentHash: string) {
    const invoice = await db().devInvoice.findUnique({ where: { paymentHash } });
    return invoice?.settledAt ? { state: "settled" as const, receivedMsats: invoice.amountMsats } : null;
  },
};

export async function expectBooksMatchNode(node: { getInvoice(paymentHash: string): Promise<{ state: string; receivedMsats: bigint } | null> }) {
  expect(await ledgerImbalance()).toBe(0n);
  const completed = await db().payment.findMany({ where: { status: "complete" }, select: { paymentHash: true } });
  let received = 0n;
  for (const { paymentHash } of completed) {
    const invoice = paymentHash ? await node.getInvoice(paymentHash) : null;
    expect(invoice?.state).toBe("settled");
    received += invoice!.receivedMsats;
  }
  expect(await ledgerReceivedMsats()).toBe(received);
}
