"use client";

import { useState } from "react";
import { CHALLENGE_ANSWERED_EVENT } from "@/components/auth/login-waiter";

/** Sends an `lncli signmessage` signature; the waiter then finishes the sign-in. */
export function NodeSignatureForm({ k1, action }: { k1: string; action: "login" | "link" }) {
  const [signature, setSignature] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError("");
    const response = await fetch("/api/login/lnd", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ k1, signature: signature.trim() }),
    }).catch(() => null);
    setBusy(false);
    if (response?.ok) {
      window.dispatchEvent(new Event(CHALLENGE_ANSWERED_EVENT));
      return;
    }
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setError(body?.error?.message ?? "Could not reach the site; try again.");
  };

  return (
    <form onSubmit={submit} className="node-signature">
      <label htmlFor="node-signature">Signature</label>
      <textarea id="node-signature" data-testid="node-signature" rows={3} value={signature} onChange={(event) => setSignature(event.target.value)} placeholder="d9… (the signature lncli printed)" />
      <button type="submit" className="button" disabled={busy || signature.trim() === ""}>
        {action === "login" ? "Verify and sign in" : "Verify and add this node"}
      </button>
      {error && (
        <p className="state unavailable" role="alert" data-testid="node-signature-error">
          {error}
        </p>
      )}
    </form>
  );
}
