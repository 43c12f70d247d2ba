import { satsOf } from "@/lib/ledger/msats";
import type { UpvoteSplit } from "@/lib/ledger/upvote-split";

// The upvote's split in words, shown to the reader before paying, e.g. "10 sats: 5 to the
// author, 5 shared by the 3 earlier upvoters; site fee 0%".

export function describeUpvoteSplit({ totalMsats, split, authors, siteFeePercent }: { totalMsats: bigint; split: UpvoteSplit; authors: number; siteFeePercent: number }): string {
  const toAuthors = split.authorMsats.reduce((sum, share) => sum + share, 0n);
  const who = authors === 1 ? "the author" : `the ${authors} authors`;
  const shared = split.eachSharerMsats * BigInt(split.sharers);
  const upvoters = split.sharers === 1 ? "the 1 earlier upvoter" : `the ${split.sharers} earlier upvoters`;
  const parts = split.sharers > 0 ? `${satsOf(toAuthors)} to ${who}, ${satsOf(shared)} shared by ${upvoters}` : `${satsOf(toAuthors)} to ${who} (no earlier upvoters to share with yet)`;
  return `${satsOf(totalMsats)} sats: ${parts}; site fee ${siteFeePercent}%${split.feeMsats > 0n ? ` (${satsOf(split.feeMsats)} sats)` : ""}`;
}
