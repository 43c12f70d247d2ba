"use client";

import { useState } from "react";

type Counts = { files: number; queued: number; alreadySent: number; withoutAddress: number };

/** "Mail buyers": queues the update mails with fresh download links and says how many went out. */
export function NotifyBuyersButton({ url, testId }: { url: string; testId?: string }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const [failed, setFailed] = useState(false);
  const run = async () => {
    if (!window.confirm("Mail every buyer that an update is available, with a fresh download link?")) return;
    setBusy(true);
    setMessage("");
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => null);
    const payload = (await response?.json().catch(() => null)) as (Counts & { error?: { message?: string } }) | null;
    setBusy(false);
    if (!response?.ok || !payload) {
      setFailed(true);
      setMessage(payload?.error?.message ?? "Could not reach the site; try again.");
      return;
    }
    setFailed(false);
    setMessage(`${payload.queued} mail${payload.queued === 1 ? "" : "s"} queued, ${payload.alreadySent} already sent for this version, ${payload.withoutAddress} buyer${payload.withoutAddress === 1 ? "" : "s"} without an address.`);
  };
  return (
    <span className="action">
      <button type="button" className="button secondary" disabled={busy} onClick={run} data-testid={testId}>
        Mail buyers about an update
      </button>
      {message && (
        <span className={failed ? "state unavailable" : "muted"} role={failed ? "alert" : "status"} data-testid={testId ? `${testId}-result` : undefined}>
          {" "}
          {message}
        </span>
      )}
    </span>
  );
}
