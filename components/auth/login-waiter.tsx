"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { AnswerConfirm, type AnsweredView } from "@/components/auth/answer-confirm";
import { onWebLNAvailable } from "@/components/webln";

type Props = { k1: string; lnurl: string; action: "login" | "link"; callbackUrl: string; expiresAt: string };
type State = "waiting" | "answered" | "finishing" | "done" | "void" | "expired" | "failed";
type View = AnsweredView | { state: "waiting" | "void" | "used" | "expired" };

export const CHALLENGE_ANSWERED_EVENT = "lp:challenge-answered";
// The status request is a long poll (held until the wallet answers); this is only the pause
// between polls after one returns or fails, and while a shown answer awaits the person's choice
// (a second wallet answering then voids the code, and the page must say so).
const RETRY_MS = 1000;
const ANSWERED_POLL_MS = 2000;

/** Waits for the wallet (or the node signature form) to answer, shows the key, and asks. */
export function LoginWaiter({ k1, lnurl, action, callbackUrl, expiresAt }: Props) {
  const router = useRouter();
  const [state, setState] = useState<State>("waiting");
  const [answer, setAnswer] = useState<AnsweredView | null>(null);
  const [message, setMessage] = useState("");
  const [webln, setWebln] = useState(false);
  const settled = useRef(false);

  const failed = (text: string) => {
    setMessage(text);
    setState("failed");
  };

  const confirm = async (move: boolean) => {
    if (!answer || settled.current) return;
    settled.current = true;
    setState("finishing");
    if (action === "login") {
      const result = await signIn("lightning", { k1, pubkey: answer.pubkey, move: move ? "1" : "0", redirect: false });
      if (!result || result.error) return failed("Sign-in was refused: the code expired, was used, or another wallet answered it. Ask for a new one.");
      setState("done");
      window.location.assign(callbackUrl);
      return;
    }
    const response = await fetch("/api/account/keys", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ k1, pubkey: answer.pubkey }) });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      return failed(body?.error?.message ?? "Could not add this key.");
    }
    setState("done");
    router.push(callbackUrl);
    router.refresh();
  };

  const refuse = async () => {
    settled.current = true;
    await fetch(`/api/login/challenges/${k1}`, { method: "DELETE" }).catch(() => null);
    window.location.reload();
  };

  /** One status request; `wait` holds it open until the wallet answers. True while still open. */
  const poll = useCallback(
    async (wait: boolean, signal?: AbortSignal): Promise<boolean> => {
      if (settled.current) return false;
      if (Date.now() > Date.parse(expiresAt)) {
        setState("expired");
        return false;
      }
      const response = await fetch(`/api/login/challenges/${k1}${wait ? "?wait=1" : ""}`, { cache: "no-store", signal }).catch(() => null);
      if (!response?.ok) {
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        return true;
      }
      const view = (await response.json()) as View;
      if (settled.current) return false;
      if (view.state === "answered") {
        setAnswer(view);
        setState("answered");
        await new Promise((resolve) => setTimeout(resolve, ANSWERED_POLL_MS));
        return true;
      }
      if (view.state === "void") setState("void");
      else if (view.state === "expired" || view.state === "used") setState("expired");
      return view.state === "waiting";
    },
    [expiresAt, k1],
  );

  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      while (!controller.signal.aborted && (await poll(true, controller.signal))) {
        /* still open: ask again */
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
      failed(error instanceof Error ? error.message : "The browser wallet refused");
    }
  };

  return (
    <div className="login-waiter">
      {webln && state === "waiting" && (
        <button type="button" className="button" data-testid="webln-login" onClick={useBrowserWallet}>
          {action === "login" ? "Sign in with browser wallet" : "Add browser wallet"}
        </button>
      )}
      {state === "answered" && answer && <AnswerConfirm view={answer} onConfirm={(move) => void confirm(move)} onRefuse={() => void refuse()} />}
      <p className={`state ${["failed", "expired", "void"].includes(state) ? "unavailable" : "waiting"}`} data-testid="login-state" data-state={state} role={state === "void" ? "alert" : undefined}>
        {state === "waiting" && (
          <>
            <span className="spinner" aria-hidden /> Waiting for your wallet…
          </>
        )}
        {state === "finishing" && (action === "login" ? "Signing you in…" : "Adding the key…")}
        {state === "done" && (action === "login" ? "Signed in." : "Key added.")}
        {state === "void" && "This code was answered by another wallet; someone else may be able to see your screen. Nothing was signed in or added."}
        {state === "expired" && "This code expired."}
        {state === "failed" && message}
      </p>
      {(state === "expired" || state === "failed" || state === "void") && (
        <button type="button" className="button secondary" data-testid="login-new-code" onClick={() => window.location.reload()}>
          New code
        </button>
      )}
    </div>
  );
}
