// Pure arithmetic of sharing a payment, in integer msats. Every share is rounded down and what
// rounding leaves over goes to the first party listed (by convention the lead author), so the
// shares always sum exactly to the total.

export type Party = { account: string; percent: number };

/** Splits total by whole percents summing to 100; the remainder goes to parties[0]. */
export function splitByPercent(total: bigint, parties: readonly Party[]): bigint[] {
  if (parties.length === 0) throw new Error("no parties to split between");
  const sum = parties.reduce((acc, party) => acc + party.percent, 0);
  if (sum !== 100 || parties.some((party) => !Number.isInteger(party.percent) || party.percent < 0)) {
    throw new Error(`shares must be whole percents summing to 100, got ${sum}`);
  }
  const shares = parties.map((party) => (total * BigInt(party.percent)) / 100n);
  shares[0]! += total - shares.reduce((acc, share) => acc + share, 0n);
  return shares;
}

/** The part of total that is `percent` of it, rounded down. */
export function percentOf(total: bigint, percent: number): bigint {
  return (total * BigInt(percent)) / 100n;
}

/** Equal parts of total for n parties, rounded down, and what is left over. */
export function equalParts(total: bigint, n: number): { each: bigint; remainder: bigint } {
  if (n <= 0) return { each: 0n, remainder: total };
  const each = total / BigInt(n);
  return { each, remainder: total - each * BigInt(n) };
}
