import type { ReactNode } from "react";
import { satsOf } from "@/lib/ledger/msats";

type Props = { balanceMsats: bigint; byKind: { sale?: bigint; upvote?: bigint; upvote_share?: bigint; tip?: bigint }; children?: ReactNode };

const KINDS = [
  ["sale", "Sales"],
  ["upvote", "Upvotes"],
  ["upvote_share", "Upvote shares"],
  ["tip", "Tips"],
] as const;

/** The author's money, from the ledger: what they can withdraw, what they earned by kind, then details (tips). */
export function MoneySummary({ balanceMsats, byKind, children }: Props) {
  return (
    <section aria-labelledby="money-heading" data-testid="money">
      <h2 id="money-heading">Money</h2>
      <p>
        Balance: <strong data-testid="balance" data-msats={String(balanceMsats)}>{satsOf(balanceMsats)} sats</strong>
      </p>
      <dl className="money-kinds">
        {KINDS.map(([kind, label]) => (
          <div key={kind}>
            <dt>{label}</dt>
            <dd data-testid={`earned-${kind}`} data-msats={String(byKind[kind] ?? 0n)}>
              {satsOf(byKind[kind] ?? 0n)} sats
            </dd>
          </div>
        ))}
      </dl>
      {children}
    </section>
  );
}
