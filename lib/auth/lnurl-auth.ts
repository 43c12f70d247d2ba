import "server-only";
import { bech32 } from "bech32";
import { K1, PUBKEY } from "@/lib/http/identifiers";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { z } from "zod";

// LNURL-auth (LUD-04): the wallet signs the 32-byte challenge k1 with a linking key (LUD-05:
// derived per domain from the wallet's seed) and calls the callback with `sig` (DER, hex) and
// `key` (compressed public key, hex). The LNURL is that callback URL in bech32 (LUD-01).
export type ChallengeAction = "login" | "link";

const LNURL_PATH = "/api/login/lnurl";
// bech32's default 90-character limit is for addresses; LNURLs are longer.
const LNURL_MAX_LENGTH = 1023;

export function lnurlCallbackUrl(origin: string, k1: string, action: ChallengeAction): string {
  return `${origin}${LNURL_PATH}?tag=login&k1=${k1}&action=${action}`;
}

/** The bech32 LNURL, upper case (smaller QR codes; wallets accept either case). */
export function encodeLnurl(url: string): string {
  return bech32.encode("lnurl", bech32.toWords(Buffer.from(url, "utf8")), LNURL_MAX_LENGTH).toUpperCase();
}

export function decodeLnurl(lnurl: string): string {
  const { words } = bech32.decode(lnurl.toLowerCase(), LNURL_MAX_LENGTH);
  return Buffer.from(bech32.fromWords(words)).toString("utf8");
}

const hex = (pattern: RegExp, message: string) => z.string().trim().toLowerCase().regex(pattern, message);

/** What a wallet sends to the callback; every field is checked before any cryptography. */
export const lnurlCallbackQuery = z.object({
  tag: z.literal("login", { message: "tag must be login" }),
  k1: hex(K1, "k1 must be 32 bytes of hex"),
  // A DER secp256k1 signature is 8 to 72 bytes.
  sig: hex(/^(?:[0-9a-f]{2}){8,72}$/, "sig must be a DER signature in hex"),
  key: hex(PUBKEY, "key must be a compressed secp256k1 public key in hex"),
});

/** True when `sig` is the linking key's signature of k1 (signed as is: k1 is the digest). */
export function verifyLnurlSignature(k1: string, sig: string, key: string): boolean {
  try {
    // lowS: false accepts either form of s; each k1 is good for one answer, so malleability is moot.
    return secp256k1.verify(Buffer.from(sig, "hex"), Buffer.from(k1, "hex"), Buffer.from(key, "hex"), {
      prehash: false,
      format: "der",
      lowS: false,
    });
  } catch {
    return false;
  }
}
