"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { requestViewInvoice, type ViewInvoiceStart } from "@/components/invoice/invoice-api";
import { InvoicePanel } from "@/components/invoice/invoice-panel";

type Waiting = Extract<ViewInvoiceStart, { state: "waiting" }>;
type State = { kind: "preparing" } | { kind: "no-cookies" } | { kind: "waiting"; invoice: Waiting } | { kind: "refused"; state: "busy" | "unavailable"; message: string };

const NO_COOKIES = "Enable cookies to buy this article: your purchase is remembered by this browser.";

/**
 * A first visit's invoice: asked for once the page is here, which sends the buyer cookie back
 * (the server creates no invoice for a client that keeps none). Only the invoice and its QR code
 * come, not the page again; already paid (another tab, a pass), the page re-renders with the body.
 */
export function FirstVisitInvoice({ invoiceUrl, devWallet, lead, paidText }: { invoiceUrl: string; devWallet: boolean; lead: string; paidText: string }) {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: "preparing" });
  // Until the script runs (or without JavaScript) the link is the way on: a reload brings the invoice.
  const [scripted, setScripted] = useState(false);
  useEffect(() => {
    setScripted(true);
    if (!navigator.cookieEnabled) return setState({ kind: "no-cookies" });
    let current = true;
    void requestViewInvoice(invoiceUrl).then((result) => {
      if (!current) return;
      if (result.ok && result.value.state === "paid") return router.refresh();
      if (result.ok && result.value.state === "waiting") return setState({ kind: "waiting", invoice: result.value });
      if (!result.ok && result.code === "no_buyer") return setState({ kind: "no-cookies" });
      if (!result.ok) setState({ kind: "refused", state: result.status === 429 ? "busy" : "unavailable", message: result.message });
    });
    return () => {
      current = false;
    };
  }, [invoiceUrl, router]);

  switch (state.kind) {
    case "waiting": {
      const { state: _state, verifiedEmail, ...invoice } = state.invoice;
      return (
        <>
          <p className="muted">{lead}</p>
          <InvoicePanel {...invoice} devWallet={devWallet} receipt={{ verifiedEmail }} paidText={paidText} testIdPrefix="paywall" />
        </>
      );
    }
    case "no-cookies":
      return (
        <p className="state unavailable" data-testid="paywall-state" data-state="no-cookies">
          {NO_COOKIES}
        </p>
      );
    case "refused":
      return (
        <>
          <p data-testid="paywall-state" data-state={state.state} className="state unavailable" role="status">
            {state.message}
          </p>
          <a className="button secondary" href="">
            Try again
          </a>
        </>
      );
    default:
      return (
        <>
          <p className="state waiting" data-testid="paywall-state" data-state="preparing">
            <span className="spinner" aria-hidden /> Preparing your invoice…
          </p>
          {!scripted && (
            <a className="button" href="" data-testid="show-invoice">
              Show the invoice
            </a>
          )}
        </>
      );
  }
}
