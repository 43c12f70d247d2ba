import { InvoicePanel } from "@/components/invoice/invoice-panel";
import { formatSats } from "@/components/sats";
import { FirstVisitInvoice } from "@/components/paywall/first-visit-invoice";
import { RefreshOnce } from "@/components/paywall/refresh-once";
import { UnlockSwap } from "@/components/paywall/unlock-swap";
import { invoiceQrSvg } from "@/lib/payments/invoice-qr";

const LEAD = "Pay from any Lightning wallet. The article opens here the moment the payment settles.";
const PAID_TEXT = "Paid. Opening the article…";

type Props = {
  paymentId: string;
  paymentRequest: string;
  paymentHash: string;
  expiresAt: Date;
  amountSats: number;
  devWallet: boolean;
  /** The signed-in reader's verified address, where the receipt goes unless they give another. */
  verifiedEmail?: string | null;
  /** What is being bought, for a file sold alone (default: the rest of an article). */
  heading?: string;
  lead?: string;
  paidText?: string;
  /** An article's paywall: on payment the body replaces it in place (unlock-swap.tsx) before the page refreshes. */
  swapInBody?: boolean;
};

// Rendered on the server: the QR code is an SVG made by `qrcode` (lib/payments/invoice-qr.ts),
// so the page shows a payable invoice before any JavaScript runs.
export async function Paywall({
  paymentId,
  paymentRequest,
  paymentHash,
  expiresAt,
  amountSats,
  devWallet,
  verifiedEmail = null,
  heading = "Read the rest",
  lead = LEAD,
  paidText = PAID_TEXT,
  swapInBody = false,
}: Props) {
  const svg = await invoiceQrSvg(paymentRequest);
  const paywall = (
    <section className="paywall" data-testid="paywall" aria-label="Payment">
      <h2>
        {heading} for {formatSats(amountSats)}
      </h2>
      <p className="muted">{lead}</p>
      <InvoicePanel
        paymentId={paymentId}
        paymentRequest={paymentRequest}
        paymentHash={paymentHash}
        expiresAt={expiresAt.toISOString()}
        qrSvg={svg}
        devWallet={devWallet}
        receipt={{ verifiedEmail }}
        paidText={paidText}
        testIdPrefix="paywall"
      />
    </section>
  );
  return swapInBody ? <UnlockSwap>{paywall}</UnlockSwap> : paywall;
}

/**
 * No invoice can be shown: the node is unavailable, cookies are off, or an invoice cap was
 * reached ("busy": too many open invoices for this reader, address or site).
 */
export function PaymentsUnavailable({ message, state = "unavailable" }: { message: string; state?: "unavailable" | "busy" }) {
  return (
    <section className="paywall" data-testid="paywall">
      <p data-testid="paywall-state" data-state={state} className="state unavailable" role="status">
        {message}
      </p>
      <a className="button secondary" href="">
        Try again
      </a>
    </section>
  );
}

/**
 * A first visit: the page creates no invoice (the browser has not yet shown it keeps the buyer
 * cookie). With invoiceUrl the invoice is fetched from there and shown in place (without
 * JavaScript a link reloads the page, which then carries the invoice); without it the page is
 * rendered again once the cookie is stored.
 */
export function PaywallFirstVisit({
  amountSats,
  heading = "Read the rest",
  invoiceUrl,
  devWallet = false,
  swapInBody = false,
}: {
  amountSats: number;
  heading?: string;
  invoiceUrl?: string;
  devWallet?: boolean;
  /** An article's paywall: on settlement the body replaces it in place (as Paywall's swapInBody). */
  swapInBody?: boolean;
}) {
  const paywall = (
    <section className="paywall" data-testid="paywall" data-invoice-url={invoiceUrl}>
      <h2>
        {heading} for {formatSats(amountSats)}
      </h2>
      {invoiceUrl ? <FirstVisitInvoice invoiceUrl={invoiceUrl} devWallet={devWallet} lead={LEAD} paidText={PAID_TEXT} /> : <RefreshOnce />}
    </section>
  );
  return swapInBody ? <UnlockSwap>{paywall}</UnlockSwap> : paywall;
}
