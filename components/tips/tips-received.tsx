import { formatSats } from "@/components/sats";
import type { TipComment } from "@/lib/tips/tip-queries";

type Props = { tippedMsats: bigint; comments: TipComment[]; address: string | null };

/** msats as sats, exact: a site fee can leave a fraction of a sat on a share. */
function formatMsats(msats: bigint): string {
  const whole = msats / 1000n;
  const rest = msats % 1000n;
  return rest === 0n ? formatSats(Number(whole)) : `${Number(whole).toLocaleString("en-US")}.${rest.toString().padStart(3, "0").replace(/0+$/, "")} sats`;
}

/** The dashboard's tips: the total credited to the author (from the ledger) and the latest comments. */
export function TipsReceived({ tippedMsats, comments, address }: Props) {
  return (
    <section data-testid="tips-received">
      <h2>Tips</h2>
      <p>
        Received through your Lightning Address: <strong data-testid="tips-total">{formatMsats(tippedMsats)}</strong>
        {address ? (
          <span className="muted"> ({address})</span>
        ) : (
          <span className="muted"> (choose a Lightning Address name on your account page to receive tips)</span>
        )}
      </p>
      {comments.length > 0 && (
        <>
          <h3>Latest comments</h3>
          <ul className="tip-comments" data-testid="tip-comments">
            {comments.map((tip) => (
              <li key={tip.paymentId}>
                {/* Text, never markup: React escapes whatever the payer wrote. */}
                <q>{tip.comment}</q> <span className="muted">({formatSats(tip.amountSats)}, {tip.at.toISOString().slice(0, 10)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
