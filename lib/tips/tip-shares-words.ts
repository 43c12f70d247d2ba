// How an article's tip is shared, in words, shown before paying: "60% Ada, 40% Bob" (of what is
// left after the site's fee, if it takes one), or "All to Ada" for a single author.

export function describeTipShares(authors: ReadonlyArray<{ name: string; percent: number }>, siteFeePercent: number): string {
  const shares = authors.length === 1 ? `All to ${authors[0]!.name}` : authors.map((author) => `${author.percent}% ${author.name}`).join(", ");
  return siteFeePercent > 0 ? `${shares}, after the site's ${siteFeePercent}% fee` : shares;
}
