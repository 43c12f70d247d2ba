"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { onWebLNAvailable } from "@/components/webln";

type Props = { k1: string; lnurl: string; action: "login" | "link"; callbackUrl: string; expiresAt: string };
type State = "waiting" | "finishing" | "done" | "expired" | "failed";

export const CHALLENGE_ANSWERED_EVENT = "lp:challenge-answered";
// The status request is a long poll (held until the wallet answers); this is only the pause
// between polls after one returns or fails.
const RETRY_MS = 1000;

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

  /** One status request; `wait` holds it open until the wallet answers. True while still waiting. */
  const poll = useCallback(
    async (wait: boolean, signal?: AbortSignal): Promise<boolean> => {
      if (finishing.current) return false;
      if (Date.now() > Date.parse(expiresAt)) {
        setState("expired");
        return false;
      }
      const response = await fetch(`/api/login/challenges/${k1}${wait ? "?wait=1" : ""}`, { cache: "no-store", signal }).catch(() => null);
      if (!response?.ok) {
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        return true;
      }
      const body = (await response.json()) as { state: string };
      if (body.state === "answered") await finish();
      else if (body.state === "expired" || body.state === "used") setState("expired");
      return body.state === "waiting";
    },
    [expiresAt, finish, k1],
  );

  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      while (!controller.signal.aborted && (await poll(true, controller.signal))) {
        /* the long poll returned while still waiting: ask again */
      }
    })();
    const now = () => void poll(false);
    window.addEventListener(CHALLENGE_ANSWERED_EVENT, now);
    const stopWebln = onWebLNAvailable(() => setWebln(Boolean(window.webln?.lnurl)));
    return () => {
      controller.abort();
      window.removeEventListener(CHALLENGE_ANSWERED_EVENT, now);
      stopWebln();
    };
  }, [poll]);

  const useBrowserWallet = async () => {
    try {
      await window.webln!.enable();
      await window.webln!.lnurl!(lnurl);
      await poll(false);
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
