import { describe, expect, it } from "vitest";
import { equalParts, percentOf, splitByPercent } from "@/lib/ledger/splits";

describe("splits", () => {
  it("rounds every share down and gives the remainder to the first party", () => {
    expect(splitByPercent(1001n, [{ account: "a", percent: 34 }, { account: "b", percent: 33 }, { account: "c", percent: 33 }])).toEqual([341n, 330n, 330n]);
    expect(splitByPercent(7n, [{ account: "a", percent: 50 }, { account: "b", percent: 50 }])).toEqual([4n, 3n]);
  });

  it("refuses shares that do not sum to 100", () => {
    expect(() => splitByPercent(10n, [{ account: "a", percent: 60 }, { account: "b", percent: 30 }])).toThrow(/100/);
    expect(() => splitByPercent(10n, [])).toThrow();
  });

  it("takes percents and equal parts in integers", () => {
    expect(percentOf(10_000n, 5)).toBe(500n);
    expect(percentOf(999n, 50)).toBe(499n);
    expect(equalParts(5000n, 3)).toEqual({ each: 1666n, remainder: 2n });
    expect(equalParts(5000n, 0)).toEqual({ each: 0n, remainder: 5000n });
  });
});
