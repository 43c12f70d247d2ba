"use client";

import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bech32 } from "bech32";
import { useState } from "react";

const STORAGE_KEY = "lightning-press-dev-wallet-key";
const hex = (bytes: Uint8Array) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
const unhex = (text: string) => new Uint8Array((text.match(/../g) ?? []).map((pair) => parseInt(pair, 16)));

/**
 * The development wallet's LNURL-auth, in the page: a key kept in this browser's localStorage
 * answers the LNURL exactly as a phone wallet would (decode, sign k1, call back), so `npm run dev`
 * can be explored end to end without a wallet that reaches localhost. Shown only with the
 * development node.
 */
export function DevWalletLogin({ lnurl }: { lnurl: string }) {
  const [error, setError] = useState("");
  const answer = async () => {
    setError("");
    let key = window.localStorage.getItem(STORAGE_KEY);
    if (!key || !/^[0-9a-f]{64}$/.test(key)) {
      key = hex(secp256k1.utils.randomSecretKey());
      window.localStorage.setItem(STORAGE_KEY, key);
    }
    const url = new URL(new TextDecoder().decode(new Uint8Array(bech32.fromWords(bech32.decode(lnurl.toLowerCase(), 1023).words))));
    const k1 = url.searchParams.get("k1") ?? "";
    url.searchParams.set("sig", hex(secp256k1.sign(unhex(k1), unhex(key), { prehash: false, format: "der" })));
    url.searchParams.set("key", hex(secp256k1.getPublicKey(unhex(key), true)));
    const response = await fetch(url).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { status?: string; reason?: string } | null;
    if (body?.status !== "OK") setError(body?.reason ?? "The site did not answer");
  };
  return (
    <div className="row">
      <button type="button" className="button dev" data-testid="dev-wallet-login" onClick={answer}>
        Sign in with the dev wallet
      </button>
      <span className="note">development node only: a key kept in this browser</span>
      {error && (
        <span className="state unavailable" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
