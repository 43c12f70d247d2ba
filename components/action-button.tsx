"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

type Props = {
  url: string;
  method?: "POST" | "DELETE" | "PATCH";
  body?: unknown;
  label: string;
  className?: string;
  confirm?: string;
  /** Where to go afterwards (a full navigation); default: re-render the current page. */
  then?: string;
  testId?: string;
};

/** A button that calls one of the site's JSON endpoints and shows its error message if it fails. */
export function ActionButton({ url, method = "POST", body, label, className = "button secondary", confirm, then, testId }: Props) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const run = async () => {
    if (confirm && !window.confirm(confirm)) return;
    setBusy(true);
    setError("");
    const response = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body ?? {}),
    }).catch(() => null);
    setBusy(false);
    if (!response?.ok) {
      const payload = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
      setError(payload?.error?.message ?? "Could not reach the site; try again.");
      return;
    }
    if (then) window.location.assign(then);
    else router.refresh();
  };
  return (
    <span className="action">
      <button type="button" className={className} disabled={busy} onClick={run} data-testid={testId}>
        {label}
      </button>
      {error && (
        <span className="state unavailable" role="alert">
          {" "}
          {error}
        </span>
      )}
    </span>
  );
}
