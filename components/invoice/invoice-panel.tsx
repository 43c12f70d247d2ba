import { InvoiceLive } from "@/components/invoice/invoice-live";
import { ReceiptAtPurchase } from "@/components/invoice/receipt-at-purchase";
import { LightningQr } from "@/components/lightning-qr";

type Props = {
  paymentId: string;
  paymentRequest: string;
  paymentHash: string;
  expiresAt: string;
  /** The QR code, drawn on the server (lib/payments/invoice-qr.ts). */
  qrSvg: string;
  devWallet: boolean;
  paidText: string;
  testIdPrefix: string;
  onDone?: (status: "complete" | "expired") => void;
  /** Prefix of the QR and text's ids; distinct per panel, as a page may show two (paywall and upvote). */
  fieldId?: string;
  /** For things with a receipt: the optional "Email me the receipt" field (and the reader's verified address, its default). */
  receipt?: { verifiedEmail: string | null };
};

/**
 * One invoice to pay: QR code, text with copy and wallet link, and the live part (status over
 * SSE, WebLN, dev wallet, check). The same panel for everything sold: the paywall renders it on
 * the server, the upvote button in the browser with the QR code its route returned.
 */
export function InvoicePanel({ qrSvg, paymentRequest, paymentHash, fieldId = "invoice", receipt, ...live }: Props) {
  return (
    <LightningQr value={paymentRequest} qrSvg={qrSvg} label="Invoice" copyLabel="Copy invoice" testId={fieldId} rows={5}>
      <InvoiceLive key={paymentHash} paymentRequest={paymentRequest} paymentHash={paymentHash} {...live} />
      {receipt && <ReceiptAtPurchase paymentId={live.paymentId} verifiedEmail={receipt.verifiedEmail} />}
    </LightningQr>
  );
}
