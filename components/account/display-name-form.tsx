"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** The name shown on the user's articles. */
export function DisplayNameForm({ initial }: { initial: string }) {
  const router = useRouter();
  const [name, setName] = useState(initial);
  const [message, setMessage] = useState("");
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    const response = await fetch("/api/account", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ displayName: name }) }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setMessage(response?.ok ? "Saved." : (body?.error?.message ?? "Could not save."));
    if (response?.ok) router.refresh();
  };
  return (
    <form onSubmit={save} className="row">
      <label htmlFor="display-name">Display name</label>
      <input id="display-name" data-testid="display-name" value={name} maxLength={60} onChange={(event) => setName(event.target.value)} />
      <button type="submit" className="button secondary">
        Save
      </button>
      {message && <span role="status">{message}</span>}
    </form>
  );
}
