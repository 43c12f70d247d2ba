"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { checkPayment, payWithDevWallet } from "@/components/invoice/invoice-api";
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
// "Check payment". The paywall's default (router.refresh on paid) has the server send the article
// only after it has seen the payment settle; an expired invoice is replaced on that render.
export function InvoiceLive({ paymentId, paymentRequest, paymentHash, expiresAt, devWallet, paidText, testIdPrefix, onDone }: Props) {
  const router = useRouter();
  const status = usePaymentStatus(paymentId);
  const secondsLeft = useSecondsLeft(expiresAt);
  const [hasWebLN, setHasWebLN] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const expired = status === "expired" || secondsLeft <= 0;
  const done = status === "complete" ? "complete" : expired ? "expired" : null;

  useEffect(() => onWebLNAvailable(() => setHasWebLN(true)), []);
  useEffect(() => {
    if (!done) return;
    if (onDone) onDone(done);
    else router.refresh();
  }, [done, onDone, router]);

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
      if (onDone) onDone("complete");
      else router.refresh();
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
