import "server-only";
import type { EntryKind } from "@/lib/ledger/accounts";
import { balanceMsats, earningsByKind } from "@/lib/ledger/ledger-queries";
import { withdrawLinkView } from "@/lib/withdrawals/lnurl-withdraw";
import { payoutSettings } from "@/lib/withdrawals/payouts";
import { liveWithdrawLink } from "@/lib/withdrawals/withdraw-link-queries";
import { maxWithdrawableMsats, withdrawLimits } from "@/lib/withdrawals/withdrawal-limits";
import { userWithdrawals } from "@/lib/withdrawals/withdrawal-queries";

// Everything the account's money page shows, read in one place.
const EARNING_KINDS: EntryKind[] = ["sale", "tip", "upvote", "upvote_share"];

export async function moneyOverview(userId: string, origin: string) {
  const [balance, byKind, withdrawals, link, payout] = await Promise.all([
    balanceMsats(userId),
    earningsByKind(userId),
    userWithdrawals(userId),
    liveWithdrawLink(userId),
    payoutSettings(userId),
  ]);
  const limits = withdrawLimits();
  return {
    balanceMsats: balance,
    withdrawableMsats: maxWithdrawableMsats(balance, limits),
    limits,
    earnings: EARNING_KINDS.map((kind) => ({ kind, msats: byKind[kind] ?? 0n })),
    withdrawals,
    link: link ? await withdrawLinkView(link, origin) : null,
    payout,
  };
}
