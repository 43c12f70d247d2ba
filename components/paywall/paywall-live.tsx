"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { usePaymentStatus } from "@/components/paywall/use-payment-status";
import { onWebLNAvailable, payWithWebLN } from "@/components/webln";

type Props = { paymentId: string; paymentRequest: string; paymentHash: string; expiresAt: string; devWallet: boolean };

// The interactive part of the paywall: live status, countdown with renewal, WebLN, the dev
// wallet and "Check payment". Unlocking re-renders the server component (router.refresh), which
// sends the article only after the server has seen the payment settle.
export function PaywallLive({ paymentId, paymentRequest, paymentHash, expiresAt, devWallet }: Props) {
  const router = useRouter();
  const status = usePaymentStatus(paymentId);
  const secondsLeft = useSecondsLeft(expiresAt);
  const [hasWebLN, setHasWebLN] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const expired = status === "expired" || secondsLeft <= 0;

  useEffect(() => onWebLNAvailable(() => setHasWebLN(true)), []);
  useEffect(() => {
    // Paid: fetch the unlocked page. Expired: the server issues a fresh invoice on render.
    if (status === "complete" || expired) router.refresh();
  }, [status, expired, router]);

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

  const checkPayment = async () => {
    const response = await fetch(`/api/payments/${paymentId}/check`, { method: "POST" });
    const body = await response.json();
    if (!response.ok) return body.error?.message ?? "Could not check the payment";
    if (body.status === "complete") {
      router.refresh();
      return "Paid! Opening the article…";
    }
    return body.status === "expired" ? "This invoice expired; a new one is on its way." : "Not paid yet.";
  };

  const payWithDevWallet = async () => {
    const response = await fetch("/api/dev/wallet/pay", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ invoice: paymentRequest }),
    });
    if (!response.ok) return (await response.json()).error?.message ?? "The dev wallet could not pay";
    return null;
  };

  if (status === "complete") {
    return (
      <p className="state paid" data-testid="paywall-state" data-state="paid" role="status">
        Paid. Opening the article…
      </p>
    );
  }
  if (expired) {
    return (
      <p className="state expired" data-testid="paywall-state" data-state="expired" role="status">
        This invoice expired. Getting a fresh one…
      </p>
    );
  }
  return (
    <div className="paywall-live">
      <p className="state waiting" data-testid="paywall-state" data-state="waiting">
        <span className="spinner" aria-hidden /> Waiting for payment · expires in <span data-testid="countdown" suppressHydrationWarning>{formatCountdown(secondsLeft)}</span>
      </p>
      <div className="row">
        {hasWebLN && (
          <button type="button" className="button" disabled={busy} onClick={() => run(async () => (await payWithWebLN(paymentRequest, paymentHash), checkPayment()))}>
            Pay with browser wallet
          </button>
        )}
        {devWallet && (
          <button type="button" className="button dev" disabled={busy} data-testid="dev-wallet-pay" onClick={() => run(payWithDevWallet)}>
            Pay with the dev wallet
          </button>
        )}
        <button type="button" className="button secondary" disabled={busy} data-testid="check-payment" onClick={() => run(checkPayment)}>
          Check payment
        </button>
      </div>
      {note && (
        <p className="note" role="status" data-testid="paywall-note">
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
