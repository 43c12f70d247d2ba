import { CopyButton } from "@/components/copy-button";
import { formatSats } from "@/components/sats";

type Props = { title: string; amountSats: number; boughtAt: string; claimedAt: string | null; claimUrl: string; receiptUrl: string | null };

const day = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** A paid gift as its giver sees it: the claim link to send, and whether it was claimed. */
export function SentGiftCard({ title, amountSats, boughtAt, claimedAt, claimUrl, receiptUrl }: Props) {
  return (
    <div className="receipt gift" data-testid="sent-gift" data-claimed={claimedAt ? "yes" : "no"}>
      <p>
        <strong>Gift: {title}</strong> · {formatSats(amountSats)} · bought {day(boughtAt)}
      </p>
      <p data-testid="gift-status" role="status">
        {claimedAt ? `Claimed ${day(claimedAt)}.` : "Not claimed yet."}
      </p>
      {!claimedAt && (
        <p className="muted">Send this link to the person you give it to. It works once: whoever opens it first and clicks &ldquo;Claim&rdquo; gets it.</p>
      )}
      <div className="row">
        <code data-testid="gift-link">{claimUrl}</code>
        {!claimedAt && <CopyButton text={claimUrl} label="Copy gift link" />}
      </div>
      {receiptUrl && (
        <p className="muted">
          Your receipt link (shows this gift and its status on any device; keep it to yourself): <a href={receiptUrl} data-testid="gift-receipt-link">{receiptUrl}</a>
        </p>
      )}
    </div>
  );
}
