"use client";

import { useState } from "react";
import { CopyButton } from "@/components/copy-button";

type Issued = { token: string; expiresAt: string };

// "Get an access token for another site": a short-lived signed token proving this purchase (or
// pass), which another backend verifies against the site's published keys (README, tokens).
export function AccessTokenButton({ resource }: { resource: string }) {
  const [issued, setIssued] = useState<Issued | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function ask() {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch("/api/access-tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ resource }) });
      const body = (await response.json()) as Issued & { error?: { message: string } };
      if (response.ok) setIssued({ token: body.token, expiresAt: body.expiresAt });
      else setError(body.error?.message ?? "Could not make a token");
    } catch {
      setError("Could not reach the site");
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="access-token" data-testid="access-token">
      <button type="button" className="button secondary" onClick={ask} disabled={busy}>
        {issued ? "Get a fresh access token" : "Get an access token for another site"}
      </button>
      {issued && (
        <div className="row">
          <code data-testid="access-token-value">{issued.token}</code>
          <CopyButton text={issued.token} label="Copy token" />
          <span>valid until {new Date(issued.expiresAt).toLocaleTimeString()}</span>
        </div>
      )}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
