import { describe, expect, it } from "vitest";
import { feeReserveMsats, maxWithdrawableMsats, type WithdrawLimits } from "@/lib/withdrawals/withdrawal-limits";

const limits: WithdrawLimits = { minMsats: 1000n, maxMsats: 1_000_000_000n, reservePercent: 1n, reserveMinMsats: 10_000n };

describe("withdrawal limits", () => {
  it("holds the larger of 1% (rounded up) and the 10 sat floor", () => {
    expect(feeReserveMsats(100_000n, limits)).toBe(10_000n);
    expect(feeReserveMsats(5_000_000n, limits)).toBe(50_000n);
    expect(feeReserveMsats(5_000_001n, limits)).toBe(50_001n);
  });

  it("offers the most that fits with its reserve, in whole sats", () => {
    for (const balance of [0n, 10_999n, 11_000n, 100_000n, 1_010_000n, 1_234_567n, 50_000_000n]) {
      const max = maxWithdrawableMsats(balance, limits);
      expect(max % 1000n).toBe(0n);
      if (max === 0n) {
        expect(1000n + feeReserveMsats(1000n, limits)).toBeGreaterThan(balance);
        continue;
      }
      expect(max + feeReserveMsats(max, limits)).toBeLessThanOrEqual(balance);
      expect(max + 1000n + feeReserveMsats(max + 1000n, limits)).toBeGreaterThan(balance);
    }
    expect(maxWithdrawableMsats(100_000n, limits)).toBe(90_000n);
    expect(maxWithdrawableMsats(50_000_000n, limits)).toBe(49_504_000n);
  });

  it("caps at the maximum", () => {
    expect(maxWithdrawableMsats(10n ** 15n, { ...limits, maxMsats: 5_000_000n })).toBe(5_000_000n);
  });
});
