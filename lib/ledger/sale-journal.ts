import "server-only";
import { getEnv } from "@/lib/env";
import { NODE_ACCOUNT, SITE_ACCOUNT } from "@/lib/ledger/accounts";
import { postJournal } from "@/lib/ledger/ledger-queries";
import { type Party, percentOf, splitByPercent } from "@/lib/ledger/splits";
import type { Prisma } from "@/lib/generated/prisma/client";

type SettledPayment = { id: string; receivedMsats: bigint; settledAt: Date };

/**
 * The journal of a sale (an article view, a file): the node's receipt, the site fee
 * (SITE_FEE_PERCENT, rounded down) to the site, the rest to the sellers by their shares, the
 * first party taking rounding leftovers. Posted once, in the completing transaction.
 */
export async function postSaleJournal(tx: Prisma.TransactionClient, payment: SettledPayment, parties: readonly Party[], articleId: string | null = null) {
  const fee = percentOf(payment.receivedMsats, getEnv().SITE_FEE_PERCENT);
  const shares = splitByPercent(payment.receivedMsats - fee, parties);
  await postJournal(
    tx,
    `payment:${payment.id}`,
    [
      { account: NODE_ACCOUNT, kind: "received", amountMsats: -payment.receivedMsats },
      { account: SITE_ACCOUNT, kind: "site_fee", amountMsats: fee },
      ...parties.map((party, index) => ({ account: party.account, kind: "sale" as const, amountMsats: shares[index]! })),
    ],
    { paymentId: payment.id, articleId, at: payment.settledAt },
  );
}
