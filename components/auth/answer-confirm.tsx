"use client";

import { useState } from "react";

export type AnsweredView =
  | { state: "answered"; action: "login"; pubkey: string; fingerprint: string; account: { exists: boolean; displayName?: string }; purchases: number }
  | { state: "answered"; action: "link"; pubkey: string; fingerprint: string; owner: "you" | "other" | "none" };

type Props = { view: AnsweredView; onConfirm: (move: boolean) => void; onRefuse: () => void };

/**
 * The page never signs in (or adds a key) by itself: it shows which key answered and asks. A
 * key the person does not recognise was someone else's wallet answering a code they saw.
 */
export function AnswerConfirm({ view, onConfirm, onRefuse }: Props) {
  const [move, setMove] = useState(false);
  const key = (
    <code title={view.pubkey} data-testid="answer-key">
      {view.fingerprint}
    </code>
  );
  return (
    <div className="answer-confirm" data-testid="answer-confirm" data-pubkey={view.pubkey}>
      {view.action === "login" ? (
        <>
          <p>
            A wallet answered with key {key}.{" "}
            {view.account.exists ? (
              <>
                It signs in to the account <strong data-testid="answer-account">{view.account.displayName}</strong>.
              </>
            ) : (
              "It has no account here yet: continuing makes a new one."
            )}{" "}
            Is this your wallet?
          </p>
          {view.purchases > 0 && (
            <label className="row">
              <input type="checkbox" data-testid="move-purchases" checked={move} onChange={(event) => setMove(event.target.checked)} /> Move this browser&apos;s{" "}
              {view.purchases} {view.purchases === 1 ? "purchase" : "purchases"} into this account
            </label>
          )}
        </>
      ) : (
        <p>
          Add key {key} to your account?
          {view.owner === "other" && " It already signs in to another account, so it cannot be added."}
          {view.owner === "you" && " It is already on your account."}
        </p>
      )}
      <div className="row">
        <button type="button" className="button" data-testid="login-confirm" onClick={() => onConfirm(move)}>
          {view.action === "login" ? "Continue" : "Add this key"}
        </button>
        <button type="button" className="button secondary" data-testid="login-refuse" onClick={onRefuse}>
          Not me: new code
        </button>
      </div>
    </div>
  );
}
