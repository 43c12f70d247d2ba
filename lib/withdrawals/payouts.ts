import "server-only";
import { db } from "@/lib/db/client";
import { errorMessage, log } from "@/lib/log";
import { balanceMsats } from "@/lib/ledger/ledger-queries";
import { invoiceFromAddress, lookUpAddress } from "@/lib/withdrawals/payout-address";
import { requestWithdrawal } from "@/lib/withdrawals/request-withdrawal";
import { sendWithdrawal } from "@/lib/withdrawals/send-withdrawal";
import { maxWithdrawableMsats } from "@/lib/withdrawals/withdrawal-limits";

// Automatic payouts: a user may name a Lightning Address and a threshold; when their balance
// reaches it, the worker withdraws everything withdrawable to that address. One payout per user
// at a time (none while another withdrawal of theirs is unfinished); an address that fails is
// left alone for RETRY_AFTER_MS so a broken server is not called every tick.
const RETRY_AFTER_MS = 10 * 60_000;
const globalForPayouts = globalThis as unknown as { __payoutFailures?: Map<string, number> };
const failures = () => (globalForPayouts.__payoutFailures ??= new Map());

export type PayoutSettings = { payoutAddress: string | null; payoutThresholdSats: number | null };

export async function payoutSettings(userId: string): Promise<PayoutSettings> {
  const profile = await db().profile.findUnique({ where: { userId }, select: { payoutAddress: true, payoutThresholdSats: true } });
  return { payoutAddress: profile?.payoutAddress ?? null, payoutThresholdSats: profile?.payoutThresholdSats ?? null };
}

/** Sets (after checking the address answers as a Lightning Address) or clears the payout. */
export async function setPayout(userId: string, settings: PayoutSettings): Promise<PayoutSettings> {
  if (settings.payoutAddress) await lookUpAddress(settings.payoutAddress);
  const data = settings.payoutAddress
    ? { payoutAddress: settings.payoutAddress.toLowerCase(), payoutThresholdSats: settings.payoutThresholdSats }
    : { payoutAddress: null, payoutThresholdSats: null };
  await db().profile.update({ where: { userId }, data });
  failures().delete(userId);
  return data;
}

/** One pass over the users with a payout set; returns how many payouts were started. */
export async function runPayouts(): Promise<number> {
  const profiles = await db().profile.findMany({
    where: { payoutAddress: { not: null }, payoutThresholdSats: { not: null } },
    select: { userId: true, payoutAddress: true, payoutThresholdSats: true },
  });
  let started = 0;
  for (const profile of profiles) {
    const failedAt = failures().get(profile.userId);
    if (failedAt && Date.now() - failedAt < RETRY_AFTER_MS) continue;
    const balance = await balanceMsats(profile.userId);
    if (balance < BigInt(profile.payoutThresholdSats!) * 1000n) continue;
    const amount = maxWithdrawableMsats(balance);
    if (amount === 0n) continue;
    if (await db().withdrawal.count({ where: { userId: profile.userId, status: { in: ["requested", "in_flight"] } } })) continue;
    try {
      const invoice = await invoiceFromAddress(profile.payoutAddress!, amount);
      const id = await requestWithdrawal({ userId: profile.userId, method: "payout", paymentRequest: invoice.paymentRequest });
      log.info("payout started", { id, address: profile.payoutAddress });
      started++;
      void sendWithdrawal(id);
    } catch (error) {
      failures().set(profile.userId, Date.now());
      log.warn("payout not made; retrying later", { userId: profile.userId, reason: errorMessage(error) });
    }
  }
  return started;
}
