"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** An optional Lightning Address the site pays automatically when the balance passes a threshold. */
export function PayoutForm({ address, thresholdSats }: { address: string | null; thresholdSats: number | null }) {
  const router = useRouter();
  const [value, setValue] = useState(address ?? "");
  const [threshold, setThreshold] = useState(String(thresholdSats ?? 10_000));
  const [message, setMessage] = useState("");
  const save = async (payoutAddress: string | null) => {
    const payoutThresholdSats = payoutAddress ? Number(threshold) : null;
    const response = await fetch("/api/account/payout", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ payoutAddress, payoutThresholdSats }) }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setMessage(response?.ok ? (payoutAddress ? "Saved." : "Payouts turned off.") : (body?.error?.message ?? "Could not save."));
    if (response?.ok) router.refresh();
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save(value.trim() || null);
      }}
    >
      <div className="row">
        <label htmlFor="payout-address">Lightning Address</label>
        <input id="payout-address" data-testid="payout-address" value={value} placeholder="you@wallet.example" maxLength={200} onChange={(event) => setValue(event.target.value)} />
        <label htmlFor="payout-threshold">when the balance reaches (sats)</label>
        <input id="payout-threshold" data-testid="payout-threshold" type="number" min={1} value={threshold} onChange={(event) => setThreshold(event.target.value)} />
      </div>
      <div className="row">
        <button type="submit" className="button secondary">
          Save payout
        </button>
        {address && (
          <button type="button" className="button secondary" onClick={() => void save(null)}>
            Turn off
          </button>
        )}
        {message && <span role="status">{message}</span>}
      </div>
    </form>
  );
}
