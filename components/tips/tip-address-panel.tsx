import { CopyButton } from "@/components/copy-button";
import { LightningQr } from "@/components/lightning-qr";

type Props = { displayName: string; address: string; lnurl: string; qrSvg: string };

/** An author's Lightning Address and its LNURL-pay QR: any wallet can tip them, any amount in range. */
export function TipAddressPanel({ displayName, address, lnurl, qrSvg }: Props) {
  return (
    <section className="paywall tip-address" data-testid="tip-address" aria-labelledby="tip-heading">
      <h2 id="tip-heading">Tip {displayName}</h2>
      <p>
        Lightning Address: <strong data-testid="lightning-address">{address}</strong> <CopyButton text={address} label="Copy address" />
      </p>
      <p className="muted">Send any amount from a wallet that pays Lightning Addresses, or scan the code (LNURL-pay). You can add a comment for the author.</p>
      <LightningQr value={lnurl} qrSvg={qrSvg} label="LNURL" copyLabel="Copy LNURL" testId="tip-lnurl" rows={4} />
    </section>
  );
}
