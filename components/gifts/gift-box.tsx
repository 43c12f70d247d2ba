"use client";

import { useCallback, useState } from "react";
import { fetchSentGift, requestGift, type SentGift, type WaitingInvoice } from "@/components/invoice/invoice-api";
import { InvoicePanel } from "@/components/invoice/invoice-panel";
import { SentGiftCard } from "@/components/gifts/sent-gift-card";
import { formatSats } from "@/components/sats";

type Props = { kind: "article" | "pass"; id: string; priceSats: number; what: string; devWallet: boolean; verifiedEmail?: string | null };
type State =
  | { kind: "idle" }
  | { kind: "asking" }
  | { kind: "invoice"; invoice: WaitingInvoice }
  | { kind: "paid"; gift: SentGift | null; message?: string }
  | { kind: "error"; message: string };

/**
 * "Buy as a gift": the same invoice panel as the paywall; once paid, the claim link to send (the
 * giver gets nothing to read). Each paid gift is a new one; "Buy another gift" starts the next.
 */
export function GiftBox({ kind, id, priceSats, what, devWallet, verifiedEmail = null }: Props) {
  const [state, setState] = useState<State>({ kind: "idle" });

  const showGift = useCallback(async (paymentId: string) => {
    const result = await fetchSentGift(paymentId);
    setState(result.ok ? { kind: "paid", gift: result.value } : { kind: "paid", gift: null, message: result.message });
  }, []);

  const start = useCallback(async () => {
    setState({ kind: "asking" });
    const result = await requestGift(kind, id);
    if (!result.ok) return setState({ kind: "error", message: result.message });
    if (result.value.state === "paid") return void showGift(result.value.paymentId);
    const { state: _state, ...invoice } = result.value;
    setState({ kind: "invoice", invoice });
  }, [kind, id, showGift]);

  const onDone = useCallback(
    (status: "complete" | "expired") => {
      if (state.kind !== "invoice") return;
      if (status === "expired") return void start();
      void showGift(state.invoice.paymentId);
    },
    [state, start, showGift],
  );

  return (
    <section className="gift-box" aria-label="Buy as a gift" data-testid="gift-box">
      {state.kind === "invoice" ? (
        <div className="paywall" data-testid="gift-panel">
          <h2>A gift: {what} for {formatSats(state.invoice.amountSats)}</h2>
          <p className="muted">You get a link to send. Whoever opens it first gets {what}; you get nothing to read from this payment.</p>
          <InvoicePanel {...state.invoice} devWallet={devWallet} paidText="Paid. Getting your gift link…" testIdPrefix="gift" fieldId="gift-invoice" onDone={onDone} receipt={{ verifiedEmail }} />
        </div>
      ) : (
        <div className="row">
          <button type="button" className="button secondary" data-testid="gift-button" disabled={state.kind === "asking"} onClick={start}>
            {state.kind === "paid" ? "Buy another gift" : "Buy as a gift"} ({formatSats(priceSats)})
          </button>
        </div>
      )}
      {state.kind === "paid" && state.gift && <SentGiftCard {...state.gift} />}
      {state.kind === "paid" && state.message && (
        <p className="note" role="status" data-testid="gift-note">
          Paid. {state.message}
        </p>
      )}
      {state.kind === "error" && (
        <p className="field-error" role="alert" data-testid="gift-error">
          {state.message}
        </p>
      )}
    </section>
  );
}
