import { LightningQr } from "@/components/lightning-qr";

type Props = { lnurl: string; qrSvg: string; shares: string; authors: number };

/** The article's LNURL-pay QR: any wallet can tip its authors, any amount in range, shared as shown. */
export function ArticleTipPanel({ lnurl, qrSvg, shares, authors }: Props) {
  return (
    <section className="paywall tip-address" data-testid="article-tip" aria-labelledby="article-tip-heading">
      <h2 id="article-tip-heading">{authors === 1 ? "Tip the author" : "Tip the authors"}</h2>
      <p data-testid="article-tip-shares">{shares}</p>
      <p className="muted">Send any amount from a wallet that reads LNURL-pay: scan the code or open the link. You can add a comment for the authors.</p>
      <LightningQr value={lnurl} qrSvg={qrSvg} label="LNURL" copyLabel="Copy LNURL" testId="article-tip-lnurl" rows={4} />
    </section>
  );
}
