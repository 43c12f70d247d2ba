import { InvoicePanel } from "@/components/invoice/invoice-panel";
import { formatSats } from "@/components/sats";
import { invoiceQrSvg } from "@/lib/payments/invoice-qr";

type Props = { paymentId: string; paymentRequest: string; paymentHash: string; expiresAt: Date; amountSats: number; days: number; devWallet: boolean; verifiedEmail?: string | null };

// The invoice for a pass, rendered on the server like the article paywall (QR before any script).
export async function PassInvoice({ paymentId, paymentRequest, paymentHash, expiresAt, amountSats, days, devWallet, verifiedEmail = null }: Props) {
  const svg = await invoiceQrSvg(paymentRequest);
  return (
    <section className="paywall" data-testid="pass-invoice" aria-label="Payment">
      <h2>
        {days}-day pass for {formatSats(amountSats)}
      </h2>
      <InvoicePanel
        paymentId={paymentId}
        paymentRequest={paymentRequest}
        paymentHash={paymentHash}
        expiresAt={expiresAt.toISOString()}
        qrSvg={svg}
        devWallet={devWallet}
        receipt={{ verifiedEmail }}
        paidText="Paid. Your pass is active in this browser."
        testIdPrefix="pass"
      />
    </section>
  );
}

/** On the paywall: the author's or the site's pass, when one is on sale. */
export function PassOfferLinks({ offers }: { offers: Array<{ id: string; label: string; priceSats: number; days: number }> }) {
  if (offers.length === 0) return null;
  return (
    <ul className="pass-offers" data-testid="pass-offers">
      {offers.map((offer) => (
        <li key={offer.id}>
          <a href={`/passes/${offer.id}`} data-testid="pass-offer-link">
            Or get {offer.label}: {offer.days} days of every paid article for {formatSats(offer.priceSats)}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A pass's end as pages show it: day and UTC minute (a renewal moves it by whole days). */
export const formatPassEnd = (until: Date) => `${until.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export function PassIncluded({ until }: { until: Date }) {
  return (
    <p className="note" data-testid="pass-included">
      Included in your pass (until {until.toISOString().slice(0, 10)})
    </p>
  );
}
