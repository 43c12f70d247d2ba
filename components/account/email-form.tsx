"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

// The account's mail address: saving a new one mails a verification link to it.
export function EmailForm({ email, verified }: { email: string | null; verified: boolean }) {
  const router = useRouter();
  const [value, setValue] = useState(email ?? "");
  const [message, setMessage] = useState("");
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const next = value.trim();
    const response = await fetch("/api/account/email", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: next === "" ? null : next }),
    }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { sent?: boolean; verified?: boolean; error?: { message?: string } } | null;
    if (!response?.ok) return setMessage(body?.error?.message ?? "Could not save.");
    setMessage(body?.sent ? `Check your inbox: we sent a link to ${next}.` : body?.verified ? "Already verified." : "Saved.");
    router.refresh();
  };
  return (
    <form onSubmit={save} className="row" data-testid="account-email-form">
      <label htmlFor="account-email">Email</label>
      <input id="account-email" type="email" maxLength={254} autoComplete="email" value={value} onChange={(event) => setValue(event.target.value)} />
      <button type="submit" className="button secondary">
        {email && !verified && value.trim() === email ? "Send the link again" : "Save"}
      </button>
      <span data-testid="account-email-state">{email ? (verified ? "Verified" : "Not verified yet") : ""}</span>
      {message && <span role="status">{message}</span>}
    </form>
  );
}
