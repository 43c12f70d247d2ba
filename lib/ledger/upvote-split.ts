import { equalParts, type Party, percentOf, splitByPercent } from "@/lib/ledger/splits";

// How one paid upvote is shared, in integer msats: the site fee off the top; of the rest,
// authorPercent to the authors (by their shares) and the remainder in equal parts to the earlier
// upvoters; with none, the authors get it all. Rounding leftovers (of the equal parts and of the
// authors' split) go to the lead author. The upvote action posts exactly this, and the article
// page shows it to the reader before paying, so the two cannot drift apart.

// Upvoters who share a later upvote, earliest first: bounds the entries one upvote writes (and
// with UPVOTE_SATS = 10 no share could be a whole msat beyond a few thousand upvoters anyway).
export const MAX_SHARING_UPVOTERS = 1000;

export type UpvoteSplitInput = { totalMsats: bigint; siteFeePercent: number; authorPercent: number; parties: readonly Party[]; sharers: number };
export type UpvoteSplit = { feeMsats: bigint; authorMsats: bigint[]; eachSharerMsats: bigint; sharers: number };

export function upvoteSplit({ totalMsats, siteFeePercent, authorPercent, parties, sharers }: UpvoteSplitInput): UpvoteSplit {
  const feeMsats = percentOf(totalMsats, siteFeePercent);
  const rest = totalMsats - feeMsats;
  const pool = sharers > 0 ? rest - percentOf(rest, authorPercent) : 0n;
  const { each, remainder } = equalParts(pool, sharers);
  return { feeMsats, authorMsats: splitByPercent(rest - pool + remainder, parties), eachSharerMsats: each, sharers };
}
