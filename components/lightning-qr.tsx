import type { ReactNode } from "react";
import { CopyButton } from "@/components/copy-button";

type Props = {
  /** What a wallet reads: a BOLT11 invoice or an LNURL. */
  value: string;
  /** The QR code as an SVG drawn on the server (lib/qr/). */
  qrSvg: string;
  /** Names the field ("Invoice", "LNURL"). */
  label: string;
  copyLabel: string;
  /** Prefix of the test ids (<testId>-qr, <testId>-text). */
  testId: string;
  rows: number;
  /** Live parts under the buttons (payment status, sign-in waiter). */
  children?: ReactNode;
};

/** The QR code, the text with a copy button, and a lightning: link, all usable before any script runs. */
export function LightningQr({ value, qrSvg, label, copyLabel, testId, rows, children }: Props) {
  const id = `${testId}-text`;
  return (
    <div className="paywall-grid">
      <a href={`lightning:${value}`} className="qr" data-testid={`${testId}-qr`} aria-label="Open in your Lightning wallet" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <div className="paywall-side">
        <label htmlFor={id}>{label}</label>
        <textarea id={id} data-testid={id} readOnly value={value} rows={rows} />
        <div className="row">
          <CopyButton text={value} label={copyLabel} />
          <a className="button secondary" href={`lightning:${value}`}>
            Open wallet
          </a>
        </div>
        {children}
      </div>
    </div>
  );
}
