"use client";

import { useEffect, useRef, useState } from "react";

export type LiveStatus = "pending_invoice" | "pending_payment" | "complete" | "expired" | "error";

const POLL_MS = 2000;

declare global {
  interface Window {
    __paywallTimings?: { statusEventAt?: number; status?: string };
  }
}

/**
 * Follows a payment's status pushed by the server (Server-Sent Events). If the stream cannot be
 * kept open, falls back to polling the status endpoint.
 */
export function usePaymentStatus(paymentId: string): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("pending_payment");
  const done = useRef(false);

  useEffect(() => {
    done.current = false;
    let poll: ReturnType<typeof setInterval> | undefined;
    const accept = (next: LiveStatus) => {
      if (done.current) return;
      window.__paywallTimings = { statusEventAt: performance.timeOrigin + performance.now(), status: next };
      setStatus(next);
      if (next === "complete" || next === "expired") {
        done.current = true;
        source.close();
        if (poll) clearInterval(poll);
      }
    };
    const source = new EventSource(`/api/payments/${paymentId}/events`);
    source.addEventListener("status", (event) => {
      try {
        accept(JSON.parse((event as MessageEvent<string>).data).status);
      } catch {
        /* ignore a malformed frame; the next one or the poll will do */
      }
    });
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED || poll || done.current) return;
      poll = setInterval(async () => {
        const response = await fetch(`/api/payments/${paymentId}`, { cache: "no-store" }).catch(() => null);
        if (response?.ok) accept((await response.json()).status);
      }, POLL_MS);
    };
    return () => {
      done.current = true;
      source.close();
      if (poll) clearInterval(poll);
    };
  }, [paymentId]);

  return status;
}
