"use client";

import { useState } from "react";

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
        try {
          const response = await fetch(`/api/payments/${paymentId}/receipt-email`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ email }),
          });
          if (response.ok) return setState({ kind: "sent" });
          const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
          setState({ kind: "error", message: body?.error?.message ?? "Could not send the receipt" });
        } catch {
          setState({ kind: "error", message: "Network error: try again" });
        }
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
