"use client";

import Link from "next/link";
import { useState } from "react";

// The one step that verifies an address: a POST, which link scanners do not send.
export function EmailConfirmButton({ token }: { token: string }) {
  const [state, setState] = useState<{ kind: "idle" | "busy" | "done" | "error"; message?: string }>({ kind: "idle" });
  const confirm = async () => {
    setState({ kind: "busy" });
    const response = await fetch(`/api/email-verifications/${token}`, { method: "POST" }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { error?: { message?: string } } | null;
    setState(response?.ok ? { kind: "done" } : { kind: "error", message: body?.error?.message ?? "Could not confirm: try again." });
  };
  if (state.kind === "done") {
    return (
      <p role="status" data-testid="verify-email-done">
        Verified. Receipts can now go to this address. <Link href="/account">Back to your account</Link>
      </p>
    );
  }
  return (
    <>
      <button type="button" className="button" data-testid="verify-email-confirm" disabled={state.kind === "busy"} onClick={confirm}>
        Confirm
      </button>
      {state.kind === "error" && (
        <p role="alert" data-testid="verify-email-error">
          {state.message}
        </p>
      )}
    </>
  );
}
