import { InvoicePanel } from "@/components/invoice/invoice-panel";
import { formatSats } from "@/components/sats";
import { invoiceQrSvg } from "@/lib/payments/invoice-qr";

type Props = { paymentId: string; paymentRequest: string; paymentHash: string; expiresAt: Date; amountSats: number; devWallet: boolean };

// The invoice for a file sold alone, rendered on the server like the article paywall.
export async function FileInvoice({ paymentId, paymentRequest, paymentHash, expiresAt, amountSats, devWallet }: Props) {
  const svg = await invoiceQrSvg(paymentRequest);
  return (
    <section className="paywall" data-testid="paywall" aria-label="Payment">
      <h2>Get this file for {formatSats(amountSats)}</h2>
      <p className="muted">Pay from any Lightning wallet. The download appears here the moment the payment settles.</p>
      <InvoicePanel
        paymentId={paymentId}
        paymentRequest={paymentRequest}
        paymentHash={paymentHash}
        expiresAt={expiresAt.toISOString()}
        qrSvg={svg}
        devWallet={devWallet}
        paidText="Paid. Opening the download…"
        testIdPrefix="paywall"
      />
    </section>
  );
}
