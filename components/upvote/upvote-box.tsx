"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { requestUpvote, type WaitingInvoice } from "@/components/invoice/invoice-api";
import { InvoicePanel } from "@/components/invoice/invoice-panel";
import { formatSats } from "@/components/sats";

type Props = { articleId: string; priceSats: number; split: string; upvotes: number; upvoteSats: number; devWallet: boolean };
type State = { kind: "idle" } | { kind: "asking" } | { kind: "invoice"; invoice: WaitingInvoice; split: string } | { kind: "thanks" } | { kind: "error"; message: string };

/**
 * The article's upvotes and the "Upvote" button. The split is said before paying (computed on the
 * server); paying opens the same invoice panel as the paywall. Once paid the page re-renders on
 * the server, which brings the new counts (and the next upvote's split).
 */
export function UpvoteBox({ articleId, priceSats, split, upvotes, upvoteSats, devWallet }: Props) {
  const router = useRouter();
  const [state, setState] = useState<State>({ kind: "idle" });

  const start = useCallback(async () => {
    setState({ kind: "asking" });
    const result = await requestUpvote(articleId);
    if (!result.ok) return setState({ kind: "error", message: result.message });
    if (result.value.state === "paid") {
      setState({ kind: "thanks" });
      return router.refresh();
    }
    const { split: shownSplit, state: _state, ...invoice } = result.value;
    setState({ kind: "invoice", invoice, split: shownSplit });
  }, [articleId, router]);

  const onDone = useCallback(
    (status: "complete" | "expired") => {
      if (status === "expired") return void start();
      setState({ kind: "thanks" });
      router.refresh();
    },
    [router, start],
  );

  return (
    <section className="upvotes" aria-label="Upvotes" data-testid="upvote-box">
      <p className="meta">
        <span data-testid="upvote-count">{upvotes}</span> {upvotes === 1 ? "upvote" : "upvotes"} · <span data-testid="upvote-sats">{formatSats(upvoteSats)}</span>
      </p>
      {state.kind === "invoice" ? (
        <div className="paywall" data-testid="upvote-panel">
          <h2>Upvote for {formatSats(state.invoice.amountSats)}</h2>
          <p className="muted" data-testid="upvote-split-invoice">
            {state.split}
          </p>
          <InvoicePanel {...state.invoice} devWallet={devWallet} paidText="Paid. Thank you for your upvote!" testIdPrefix="upvote" fieldId="upvote-invoice" onDone={onDone} />
        </div>
      ) : (
        <>
          <p className="muted" data-testid="upvote-split">
            {split}
          </p>
          <div className="row">
            <button type="button" className="button secondary" data-testid="upvote-button" disabled={state.kind === "asking"} onClick={start}>
              {state.kind === "thanks" ? "Upvote again" : "Upvote"} ({formatSats(priceSats)})
            </button>
          </div>
        </>
      )}
      {state.kind === "thanks" && (
        <p className="state paid" role="status" data-testid="upvote-state" data-state="thanks">
          Thank you for your upvote!
        </p>
      )}
      {state.kind === "error" && (
        <p className="field-error" role="alert" data-testid="upvote-error">
          {state.message}
        </p>
      )}
    </section>
  );
}
