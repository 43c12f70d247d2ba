"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Paste a BOLT11 invoice from your wallet; the site pays it from your balance. */
export function WithdrawInvoiceForm() {
  const router = useRouter();
  const [invoice, setInvoice] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage("Paying…");
    const response = await fetch("/api/account/withdrawals", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ invoice }) }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { status?: string; failureReason?: string; error?: { message?: string } } | null;
    setBusy(false);
    if (!response?.ok) return setMessage(body?.error?.message ?? "Could not reach the site; try again.");
    setMessage(body?.status === "paid" ? "Paid." : body?.status === "failed" ? `Failed: ${body.failureReason ?? "the payment failed"}; the amount is back in your balance.` : "Sent; the payment is on its way.");
    setInvoice("");
    router.refresh();
  };
  return (
    <form onSubmit={submit}>
      <label htmlFor="withdraw-invoice">Invoice from your wallet (BOLT11, with an amount)</label>
      <textarea id="withdraw-invoice" data-testid="withdraw-invoice" rows={3} value={invoice} maxLength={4000} required onChange={(event) => setInvoice(event.target.value)} />
      <div className="row">
        <button type="submit" className="button" disabled={busy}>
          Withdraw
        </button>
        {message && <span role="status">{message}</span>}
      </div>
    </form>
  );
}
