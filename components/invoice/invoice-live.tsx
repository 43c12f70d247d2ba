"use client";

import { useRouter } from "next/navigation";
import { useContext, useEffect, useRef, useState } from "react";
import { checkPayment, payWithDevWallet } from "@/components/invoice/invoice-api";
import { UnlockContext } from "@/components/invoice/unlock-context";
import { usePaymentStatus } from "@/components/invoice/use-payment-status";
import { onWebLNAvailable, payWithWebLN } from "@/components/webln";

type Props = {
  paymentId: string;
  paymentRequest: string;
  paymentHash: string;
  expiresAt: string;
  devWallet: boolean;
  /** Said once paid ("Paid. Opening the article…"). */
  paidText: string;
  /** Prefix of the state and note test ids (<prefix>-state, <prefix>-note). */
  testIdPrefix: string;
  /** Paid or expired. Without it the page re-renders on the server (router.refresh). */
  onDone?: (status: "complete" | "expired") => void;
};

// The interactive part of every invoice panel: live status, countdown, WebLN, the dev wallet and
// "Check payment". When paid: onDone if given; else inside an article's paywall the body is
// swapped in (UnlockContext, components/paywall/unlock-swap.tsx); else router.refresh(). Either
// way the server sends the article only after it has seen the payment settle. An expired invoice
// is replaced by a refresh (or onDone).
export function InvoiceLive({ paymentId, paymentRequest, paymentHash, expiresAt, devWallet, paidText, testIdPrefix, onDone }: Props) {
  const router = useRouter();
  const unlock = useContext(UnlockContext);
  // Each outcome is acted on once, however many ways it is heard (push, poll, "Check payment").
  const finished = useRef<Set<string>>(new Set());
  const finish = (outcome: "complete" | "expired") => {
    if (finished.current.has(outcome)) return;
    finished.current.add(outcome);
    if (onDone) onDone(outcome);
    else if (outcome === "complete" && unlock) unlock(paymentId);
    else router.refresh();
  };
  const finishRef = useRef(finish);
  useEffect(() => {
    finishRef.current = finish;
  });
  const status = usePaymentStatus(paymentId, () => finishRef.current("complete"));
  const secondsLeft = useSecondsLeft(expiresAt);
  const [hasWebLN, setHasWebLN] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const expired = status === "expired" || secondsLeft <= 0;
  const done = status === "complete" ? "complete" : expired ? "expired" : null;

  useEffect(() => onWebLNAvailable(() => setHasWebLN(true)), []);
  useEffect(() => {
    if (done) finishRef.current(done);
  }, [done]);

  const run = async (action: () => Promise<string | null>) => {
    setBusy(true);
    setNote(null);
    try {
      setNote(await action());
    } catch (error) {
      setNote(error instanceof Error ? error.message : "Something went wrong");
    } finally {
      setBusy(false);
    }
  };

  const check = async () => {
    const result = await checkPayment(paymentId);
    if (!result.ok) return result.message;
    if (result.status === "complete") {
      finish("complete");
      return paidText;
    }
    return result.status === "expired" ? "This invoice expired; a new one is on its way." : "Not paid yet.";
  };

  if (status === "complete") {
    return (
      <p className="state paid" data-testid={`${testIdPrefix}-state`} data-state="paid" role="status">
        {paidText}
      </p>
    );
  }
  if (expired) {
    return (
      <p className="state expired" data-testid={`${testIdPrefix}-state`} data-state="expired" role="status">
        This invoice expired. Getting a fresh one…
      </p>
    );
  }
  return (
    <div className="paywall-live">
      <p className="state waiting" data-testid={`${testIdPrefix}-state`} data-state="waiting">
        <span className="spinner" aria-hidden /> Waiting for payment · expires in <span data-testid="countdown" suppressHydrationWarning>{formatCountdown(secondsLeft)}</span>
      </p>
      <div className="row">
        {hasWebLN && (
          <button type="button" className="button" disabled={busy} onClick={() => run(async () => (await payWithWebLN(paymentRequest, paymentHash), check()))}>
            Pay with browser wallet
          </button>
        )}
        {devWallet && (
          <button type="button" className="button dev" disabled={busy} data-testid="dev-wallet-pay" onClick={() => run(() => payWithDevWallet(paymentRequest))}>
            Pay with the dev wallet
          </button>
        )}
        <button type="button" className="button secondary" disabled={busy} data-testid="check-payment" onClick={() => run(check)}>
          Check payment
        </button>
      </div>
      {note && (
        <p className="note" role="status" data-testid={`${testIdPrefix}-note`}>
          {note}
        </p>
      )}
    </div>
  );
}

function useSecondsLeft(expiresAt: string): number {
  const deadline = new Date(expiresAt).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

function formatCountdown(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}
