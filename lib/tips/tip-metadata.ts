import "server-only";
import { createHash } from "node:crypto";

// LNURL-pay metadata (LUD-06, LUD-16): what the wallet shows before paying, as a JSON string.
// The invoice commits to it by its sha256 (description_hash), and wallets check that hash
// against the exact string they were served, so both the payRequest and the invoice build it
// here, from the same inputs.

export type TipRecipient = { userId: string; displayName: string; lightningName: string };

/** host: the site's host (with its port, if any), as in the Lightning Address the wallet used. */
export function tipMetadata(recipient: TipRecipient, siteName: string, host: string): string {
  return JSON.stringify([
    ["text/plain", `Tip ${recipient.displayName} on ${siteName}`],
    ["text/identifier", lightningAddress(recipient.lightningName, host)],
  ]);
}

export function lightningAddress(name: string, host: string): string {
  return `${name}@${host}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** LUD-09: what the wallet shows once paid (at most 144 characters). */
export function tipThanks(recipient: TipRecipient): string {
  return `Thank you! Your tip reached ${recipient.displayName}.`.slice(0, 144);
}
