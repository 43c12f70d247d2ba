"use client";

import { useEffect, useRef, useState } from "react";
import { keepStreamedBody } from "@/components/invoice/unlock-context";

export type LiveStatus = "pending_invoice" | "pending_payment" | "complete" | "expired" | "error";

const POLL_MS = 2000;
const SILENCE_MS = 5000;

declare global {
  interface Window {
    __paywallTimings?: { statusEventAt?: number; status?: string };
  }
}

/**
 * Follows a payment's status pushed by the server (Server-Sent Events). Falls back to polling the
 * status endpoint when the stream fails or stays silent (the server sends the current status as
 * soon as a stream opens, so silence means something in between buffers or blocks it).
 */
export function usePaymentStatus(paymentId: string, onComplete?: () => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("pending_payment");
  const done = useRef(false);
  // Called from the event handler itself, not after React re-renders: the unlock's request
  // leaves in the same task as the "complete" frame (a render and its effects cost milliseconds).
  const completed = useRef(onComplete);
  useEffect(() => {
    completed.current = onComplete;
  });

  useEffect(() => {
    done.current = false;
    let heard = false;
    let poll: ReturnType<typeof setInterval> | undefined;
    const accept = (next: LiveStatus) => {
      heard = true;
      if (done.current) return;
      window.__paywallTimings = { statusEventAt: performance.timeOrigin + performance.now(), status: next };
      if (next === "complete") completed.current?.();
      setStatus(next);
      if (next === "complete" || next === "expired") stop();
    };
    const startPolling = () => {
      if (poll || done.current) return;
      poll = setInterval(async () => {
        const response = await fetch(`/api/payments/${paymentId}`, { cache: "no-store" }).catch(() => null);
        if (response?.ok) accept((await response.json()).status);
      }, POLL_MS);
    };
    const source = new EventSource(`/api/payments/${paymentId}/events`);
    source.addEventListener("status", (event) => {
      try {
        accept(JSON.parse((event as MessageEvent<string>).data).status);
      } catch {
        /* ignore a malformed frame; the next one or the poll will do */
      }
    });
    source.addEventListener("body", (event) => {
      try {
        const { html } = JSON.parse((event as MessageEvent<string>).data) as { html?: unknown };
        if (typeof html === "string") keepStreamedBody(paymentId, html);
      } catch {
        /* without it the paywall asks for the body (unlockArticle) */
      }
    });
    // EventSource reconnects by itself after an error; polling meanwhile costs little.
    source.onerror = startPolling;
    const silence = setTimeout(() => !heard && startPolling(), SILENCE_MS);
    function stop() {
      done.current = true;
      source.close();
      clearTimeout(silence);
      if (poll) clearInterval(poll);
    }
    return stop;
  }, [paymentId]);

  return status;
}
