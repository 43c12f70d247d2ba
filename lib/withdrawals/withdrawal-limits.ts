import { getEnv } from "@/lib/env";

// How much a user may withdraw and how much routing fee is held while a withdrawal is paid, in
// msats. The reserve is the larger of WITHDRAW_FEE_RESERVE_PERCENT of the amount (rounded up)
// and WITHDRAW_FEE_RESERVE_MIN_SATS; it is also the payment's maximum routing fee, so the fee
// actually paid never exceeds what was held.
export type WithdrawLimits = { minMsats: bigint; maxMsats: bigint; reservePercent: bigint; reserveMinMsats: bigint };

export function withdrawLimits(): WithdrawLimits {
  const env = getEnv();
  return {
    minMsats: BigInt(env.WITHDRAW_MIN_SATS) * 1000n,
    maxMsats: BigInt(env.WITHDRAW_MAX_SATS) * 1000n,
    reservePercent: BigInt(env.WITHDRAW_FEE_RESERVE_PERCENT),
    reserveMinMsats: BigInt(env.WITHDRAW_FEE_RESERVE_MIN_SATS) * 1000n,
  };
}

export function feeReserveMsats(amountMsats: bigint, limits: WithdrawLimits = withdrawLimits()): bigint {
  const percent = (amountMsats * limits.reservePercent + 99n) / 100n;
  return percent > limits.reserveMinMsats ? percent : limits.reserveMinMsats;
}

/**
 * The largest whole-sat amount A with A + reserve(A) <= balance, within the maximum; 0 when not
 * even the minimum fits. (What an LNURL-withdraw offers and a payout sends.)
 */
export function maxWithdrawableMsats(balanceMsats: bigint, limits: WithdrawLimits = withdrawLimits()): bigint {
  let amount = balanceMsats - limits.reserveMinMsats;
  if (amount + feeReserveMsats(amount, limits) > balanceMsats) amount = (balanceMsats * 100n) / (100n + limits.reservePercent);
  if (amount > limits.maxMsats) amount = limits.maxMsats;
  amount -= ((amount % 1000n) + 1000n) % 1000n;
  while (amount > 0n && amount + feeReserveMsats(amount, limits) > balanceMsats) amount -= 1000n;
  return amount >= limits.minMsats ? amount : 0n;
}
