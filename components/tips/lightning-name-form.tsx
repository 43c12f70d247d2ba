"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type Props = { initial: string | null; host: string };

/** The author's Lightning Address name (<name>@<host>): set, change or remove it. */
export function LightningNameForm({ initial, host }: Props) {
  const router = useRouter();
  const [name, setName] = useState(initial ?? "");
  const [message, setMessage] = useState("");
  const save = async (lightningName: string | null) => {
    const response = await fetch("/api/account/lightning-name", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ lightningName }),
    }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { lightningName?: string | null; error?: { message?: string } } | null;
    if (!response?.ok) return setMessage(body?.error?.message ?? "Could not save.");
    setName(body?.lightningName ?? "");
    setMessage(lightningName === null ? "Removed." : "Saved.");
    router.refresh();
  };
  return (
    <form
      className="row"
      onSubmit={(event) => {
        event.preventDefault();
        void save(name);
      }}
    >
      <label htmlFor="lightning-name">Lightning Address</label>
      <input id="lightning-name" data-testid="lightning-name" value={name} maxLength={64} autoComplete="off" spellCheck={false} onChange={(event) => setName(event.target.value)} />
      <span className="muted">@{host}</span>
      <button type="submit" className="button secondary">
        Save
      </button>
      {initial && (
        <button type="button" className="button secondary" onClick={() => void save(null)}>
          Remove
        </button>
      )}
      {message && <span role="status">{message}</span>}
    </form>
  );
}
