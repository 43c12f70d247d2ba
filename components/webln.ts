"use client";

// WebLN (https://webln.dev): a browser wallet extension exposes window.webln, sometimes after
// page load (it then fires "webln:ready").
// lnurl() (LNURL-auth and others) is optional: not every provider implements it.
type WebLN = {
  enable(): Promise<void>;
  sendPayment(request: string): Promise<{ preimage: string }>;
  lnurl?(lnurl: string): Promise<unknown>;
};

declare global {
  interface Window {
    webln?: WebLN;
  }
}

export function onWebLNAvailable(callback: () => void): () => void {
  if (window.webln) {
    callback();
    return () => {};
  }
  window.addEventListener("webln:ready", callback);
  return () => window.removeEventListener("webln:ready", callback);
}

/** Pays with the browser wallet and checks that the preimage it returns matches the hash. */
export async function payWithWebLN(request: string, paymentHash: string): Promise<void> {
  const webln = window.webln;
  if (!webln) throw new Error("No browser wallet found");
  await webln.enable();
  const { preimage } = await webln.sendPayment(request);
  const bytes = new Uint8Array((preimage.match(/../g) ?? []).map((byte) => parseInt(byte, 16)));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
  if (hex !== paymentHash) throw new Error("The wallet returned a preimage that does not match this invoice");
}
