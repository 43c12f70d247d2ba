import { describe, expect, it } from "vitest";
import { describeUpvoteSplit } from "@/lib/articles/upvote-words";
import { satsOf } from "@/lib/ledger/msats";
import { upvoteSplit } from "@/lib/ledger/upvote-split";

const alone = [{ account: "lead", percent: 100 }];

describe("upvote split", () => {
  it("gives the authors everything without earlier upvoters, and takes the fee off the top", () => {
    expect(upvoteSplit({ totalMsats: 10_000n, siteFeePercent: 0, authorPercent: 50, parties: alone, sharers: 0 })).toEqual({ feeMsats: 0n, authorMsats: [10_000n], eachSharerMsats: 0n, sharers: 0 });
    expect(upvoteSplit({ totalMsats: 7000n, siteFeePercent: 5, authorPercent: 50, parties: alone, sharers: 0 }).authorMsats).toEqual([6650n]);
  });

  it("shares equal parts among earlier upvoters, the leftover to the lead author, and always sums to the total", () => {
    const split = upvoteSplit({ totalMsats: 10_000n, siteFeePercent: 0, authorPercent: 50, parties: alone, sharers: 3 });
    expect(split).toEqual({ feeMsats: 0n, authorMsats: [5002n], eachSharerMsats: 1666n, sharers: 3 });
    const coAuthored = upvoteSplit({ totalMsats: 10_000n, siteFeePercent: 0, authorPercent: 50, parties: [{ account: "a", percent: 60 }, { account: "b", percent: 40 }], sharers: 3 });
    expect(coAuthored.authorMsats).toEqual([3002n, 2000n]);
    for (const [total, fee, author, sharers] of [[7000n, 5, 50, 3], [1000n, 33, 17, 7], [123_000n, 10, 0, 1000], [10_000n, 100, 50, 2]] as const) {
      const s = upvoteSplit({ totalMsats: total, siteFeePercent: fee, authorPercent: author, parties: alone, sharers });
      expect(s.feeMsats + s.authorMsats.reduce((a, b) => a + b, 0n) + s.eachSharerMsats * BigInt(sharers)).toBe(total);
    }
  });

  it("says the split in words, in sats with up to three decimals", () => {
    expect(satsOf(5002n)).toBe("5.002");
    expect(satsOf(350n)).toBe("0.35");
    expect(satsOf(10_000n)).toBe("10");
    expect(satsOf(-1500n)).toBe("-1.5");
    const split = upvoteSplit({ totalMsats: 10_000n, siteFeePercent: 0, authorPercent: 50, parties: alone, sharers: 3 });
    expect(describeUpvoteSplit({ totalMsats: 10_000n, split, authors: 1, siteFeePercent: 0 })).toBe("10 sats: 5.002 to the author, 4.998 shared by the 3 earlier upvoters; site fee 0%");
  });
});
