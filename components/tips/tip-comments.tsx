import { formatSats } from "@/components/sats";
import type { TipComment } from "@/lib/tips/tip-queries";

type Props = { comments: TipComment[]; address: string | null };

/**
 * The tip part of the dashboard's money section: where tips come from and the latest comments.
 * The total tipped is the section's "Tips" line (from the ledger), not repeated here.
 */
export function TipComments({ comments, address }: Props) {
  return (
    <>
      <p className="muted" data-testid="tip-sources">
        Tips reach you through {address ? <>your Lightning Address <strong data-testid="lightning-address">{address}</strong></> : "your Lightning Address (choose a name on your account page)"} and the
        tip code on each of your articles, shared with co-authors as sales are.
      </p>
      {comments.length > 0 && (
        <>
          <h3>Latest tip comments</h3>
          <ul className="tip-comments" data-testid="tip-comments">
            {comments.map((tip) => (
              <li key={tip.paymentId}>
                {/* Text, never markup: React escapes whatever the payer wrote. */}
                <q>{tip.comment}</q>{" "}
                <span className="muted">
                  ({formatSats(tip.amountSats)}
                  {tip.articleTitle ? `, for ${tip.articleTitle}` : ""}, {tip.at.toISOString().slice(0, 10)})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
