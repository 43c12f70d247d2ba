"use client";

import { useState } from "react";
import { requestReceiptEmail } from "@/components/invoice/invoice-api";

// Mails the receipt link to the reader (queued: it goes even if the mail server is down now).
export function ReceiptEmailForm({ paymentId }: { paymentId: string }) {
  const [state, setState] = useState<{ kind: "idle" | "sending" | "sent" | "error"; message?: string }>({ kind: "idle" });
  return (
    <form
      className="row"
      data-testid="receipt-email-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const email = String(new FormData(event.currentTarget).get("email") ?? "");
        setState({ kind: "sending" });
        const result = await requestReceiptEmail(paymentId, email);
        setState(result.ok ? { kind: "sent" } : { kind: "error", message: result.message });
      }}
    >
      <label>
        Email me this link <input type="email" name="email" required maxLength={254} autoComplete="email" />
      </label>
      <button type="submit" className="button secondary" disabled={state.kind === "sending"}>
        Send
      </button>
      <span role="status" data-testid="receipt-email-status">
        {state.kind === "sent" ? "On its way." : state.kind === "error" ? state.message : ""}
      </span>
    </form>
  );
}
