"use client";

import { useState } from "react";
import { requestReceiptEmail } from "@/components/invoice/invoice-api";

// "Email me the receipt" beside an unpaid invoice (optional): the address is kept on the payment
// and the receipt is queued in the same transaction that completes it. A signed-in reader with a
// verified address gets the receipt there unless they give another one.
export function ReceiptAtPurchase({ paymentId, verifiedEmail }: { paymentId: string; verifiedEmail: string | null }) {
  const [state, setState] = useState<{ kind: "idle" | "saving" | "saved" | "error"; message?: string; email?: string }>({ kind: "idle" });
  const id = `receipt-email-${paymentId}`;
  return (
    <form
      className="row receipt-at-purchase"
      data-testid="receipt-at-purchase"
      onSubmit={async (event) => {
        event.preventDefault();
        const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
        setState({ kind: "saving" });
        const result = await requestReceiptEmail(paymentId, email);
        setState(result.ok ? { kind: "saved", email } : { kind: "error", message: result.message });
      }}
    >
      <label htmlFor={id}>Email me the receipt (optional)</label>
      <input id={id} type="email" name="email" required maxLength={254} autoComplete="email" placeholder={verifiedEmail ?? "you@example.com"} />
      <button type="submit" className="button secondary" disabled={state.kind === "saving"}>
        {verifiedEmail ? "Use this address" : "Save"}
      </button>
      <span role="status" data-testid="receipt-at-purchase-status">
        {state.kind === "saved"
          ? `The receipt will go to ${state.email} once paid.`
          : state.kind === "error"
            ? state.message
            : verifiedEmail
              ? `The receipt will go to ${verifiedEmail}, your verified address.`
              : ""}
      </span>
    </form>
  );
}
