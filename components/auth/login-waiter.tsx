"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { onWebLNAvailable } from "@/components/webln";

type Props = { k1: string; lnurl: string; action: "login" | "link"; callbackUrl: string; expiresAt: string };
type State = "waiting" | "finishing" | "done" | "expired" | "failed";

export const CHALLENGE_ANSWERED_EVENT = "lp:challenge-answered";
const POLL_MS = 1000;

/** Waits for the wallet (or the node signature form) to answer, then signs in or adds the key. */
export function LoginWaiter({ k1, lnurl, action, callbackUrl, expiresAt }: Props) {
  const router = useRouter();
  const [state, setState] = useState<State>("waiting");
  const [message, setMessage] = useState("");
  const [webln, setWebln] = useState(false);
  const finishing = useRef(false);

  const finish = useCallback(async () => {
    if (finishing.current) return;
    finishing.current = true;
    setState("finishing");
    const failed = (text: string) => {
      setMessage(text);
      setState("failed");
    };
    if (action === "login") {
      const result = await signIn("lightning", { k1, redirect: false });
      if (!result || result.error) return failed("Sign-in was refused: the code expired or was already used. Reload for a new one.");
      setState("done");
      window.location.assign(callbackUrl);
      return;
    }
    const response = await fetch("/api/account/keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ k1 }) });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      return failed(body?.error?.message ?? "Could not add this key.");
    }
    setState("done");
    router.push(callbackUrl);
    router.refresh();
  }, [action, callbackUrl, k1, router]);

  const poll = useCallback(async () => {
    if (finishing.current) return;
    if (Date.now() > Date.parse(expiresAt)) return setState("expired");
    const response = await fetch(`/api/login/challenges/${k1}`, { cache: "no-store" }).catch(() => null);
    if (!response?.ok) return;
    const body = (await response.json()) as { state: string };
    if (body.state === "answered") await finish();
    else if (body.state === "expired" || body.state === "used") setState("expired");
  }, [expiresAt, finish, k1]);

  useEffect(() => {
    const timer = setInterval(poll, POLL_MS);
    const now = () => void poll();
    window.addEventListener(CHALLENGE_ANSWERED_EVENT, now);
    const stopWebln = onWebLNAvailable(() => setWebln(Boolean(window.webln?.lnurl)));
    return () => {
      clearInterval(timer);
      window.removeEventListener(CHALLENGE_ANSWERED_EVENT, now);
      stopWebln();
    };
  }, [poll]);

  const useBrowserWallet = async () => {
    try {
      await window.webln!.enable();
      await window.webln!.lnurl!(lnurl);
      await poll();
    } catch (error) {
      setMessage(error instanceof Error ? error.message : "The browser wallet refused");
      setState("failed");
    }
  };

  return (
    <div className="login-waiter">
      {webln && state === "waiting" && (
        <button type="button" className="button" data-testid="webln-login" onClick={useBrowserWallet}>
          {action === "login" ? "Sign in with browser wallet" : "Add browser wallet"}
        </button>
      )}
      <p className={`state ${state === "failed" || state === "expired" ? "unavailable" : "waiting"}`} data-testid="login-state" data-state={state}>
        {state === "waiting" && (
          <>
            <span className="spinner" aria-hidden /> Waiting for your wallet…
          </>
        )}
        {state === "finishing" && "Wallet answered, signing you in…"}
        {state === "done" && (action === "login" ? "Signed in." : "Key added.")}
        {state === "expired" && "This code expired."}
        {state === "failed" && message}
      </p>
      {(state === "expired" || state === "failed") && (
        <button type="button" className="button secondary" onClick={() => window.location.reload()}>
          New code
        </button>
      )}
    </div>
  );
}
