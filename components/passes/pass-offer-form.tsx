"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type Offer = { priceSats: number; days: number } | null;
type Props = { initial: Offer; endpoint: "/api/account/pass-offer" | "/api/admin/pass-offer"; label: string };

/** An all-access pass on sale: price in sats and length in days, or none. */
export function PassOfferForm({ initial, endpoint, label }: Props) {
  const router = useRouter();
  const [price, setPrice] = useState(initial ? String(initial.priceSats) : "");
  const [days, setDays] = useState(initial ? String(initial.days) : "30");
  const [message, setMessage] = useState("");
  const save = async (offer: Offer) => {
    const response = await fetch(endpoint, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ offer }) }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
    if (!response?.ok) return setMessage(body?.error?.message ?? "Could not save.");
    setMessage(offer === null ? "No pass on sale." : "Saved.");
    router.refresh();
  };
  return (
    <form
      className="row"
      data-testid="pass-offer-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save({ priceSats: Number(price), days: Number(days) });
      }}
    >
      <span>{label}</span>
      <label htmlFor="pass-price">Price (sats)</label>
      <input id="pass-price" type="number" min={1} step={1} value={price} onChange={(event) => setPrice(event.target.value)} />
      <label htmlFor="pass-days">Days</label>
      <input id="pass-days" type="number" min={1} step={1} value={days} onChange={(event) => setDays(event.target.value)} />
      <button type="submit" className="button secondary">
        Save
      </button>
      {initial && (
        <button type="button" className="button secondary" onClick={() => void save(null)}>
          Stop selling
        </button>
      )}
      {message && <span role="status">{message}</span>}
    </form>
  );
}
