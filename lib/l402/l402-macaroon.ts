import { createHash, timingSafeEqual } from "node:crypto";
import { importMacaroon, type Macaroon, newMacaroon } from "macaroon";
import { checkCaveat, type L402Target, mintCaveats, REQUIRED_CAVEATS, TARGET_CAVEATS, VALID_UNTIL } from "@/lib/l402/l402-caveats";
import type { L402Credential } from "@/lib/l402/l402-header";
import { encodeMacaroonV2 } from "@/lib/l402/macaroon-binary";
import { decodeIdentifier, newIdentifier } from "@/lib/l402/l402-identifier";

// Minting and verifying L402 macaroons with the `macaroon` package (the one ln-service uses).
// Verification needs no node and no payment lookup: the signature chain with the root key named
// by the token id, every caveat satisfied, and sha256(preimage) == the identifier's payment hash.

export type RootKey = { id: string; secret: Buffer };
/** The root key for an id: its secret, "revoked", or null when unknown. */
export type RootKeyLookup = (id: string) => Promise<Buffer | "revoked" | null>;

export type Verified = { ok: true; paymentHash: string; target: L402Target; validUntil: number };
export type Refused = { ok: false; code: "l402_malformed" | "l402_invalid" | "l402_revoked" | "l402_expired" | "l402_wrong_article" | "l402_wrong_file" | "l402_wrong_preimage"; message: string };

/** A macaroon for this invoice and article (or file), base64 (standard, padded) of its binary (v2) form. */
export function mintMacaroon(key: RootKey, paymentHash: string, target: L402Target, validUntilSeconds: number): string {
  const macaroon = newMacaroon({ identifier: new Uint8Array(newIdentifier(paymentHash, key.id)), rootKey: new Uint8Array(key.secret), version: 2 });
  for (const caveat of mintCaveats(target, validUntilSeconds)) macaroon.addFirstPartyCaveat(new TextEncoder().encode(caveat));
  return Buffer.from(encodeMacaroonV2(macaroon)).toString("base64");
}

export async function verifyCredential(credential: L402Credential, target: L402Target, lookup: RootKeyLookup, now = Date.now()): Promise<Verified | Refused> {
  let macaroon: Macaroon;
  try {
    macaroon = importMacaroon(credential.macaroon);
  } catch {
    return refuse("l402_malformed", "The macaroon cannot be read.");
  }
  const identifier = decodeIdentifier(macaroon.identifier);
  if (!identifier) return refuse("l402_invalid", "This macaroon was not issued here.");
  // Third-party caveats need discharge macaroons we never ask for: such a token is not ours.
  if (macaroon.caveats.some((caveat) => caveat.vid !== undefined)) return refuse("l402_invalid", "This macaroon was not issued here.");
  const secret = await lookup(identifier.rootKeyId);
  if (secret === "revoked") return refuse("l402_revoked", "This token's key was revoked; ask again for a new invoice.");
  if (!secret) return refuse("l402_invalid", "This macaroon was not issued here.");
  const seen = new Set<string>();
  const failures: string[] = [];
  let validUntil = Infinity;
  const context = { target, nowSeconds: Math.floor(now / 1000) };
  try {
    macaroon.verify(new Uint8Array(secret), (condition) => {
      const failure = checkCaveat(condition, context, seen);
      if (failure) failures.push(failure);
      if (!failure && condition.startsWith(`${VALID_UNTIL}=`)) validUntil = Math.min(validUntil, Number(condition.slice(VALID_UNTIL.length + 1)));
      return failure;
    });
  } catch {
    // The caveat that failed says why; otherwise the signature did not match (tampered, or another key's).
    if (failures.includes("expired")) return refuse("l402_expired", "This token has expired; ask again for a new invoice.");
    if (failures.includes("not valid for this article")) return refuse("l402_wrong_article", "This token is for another article.");
    if (failures.includes("not valid for this file")) return refuse("l402_wrong_file", "This token is for another file.");
    return refuse("l402_invalid", failures.length ? `This token is not valid here (${failures[0]}).` : "The macaroon's signature does not verify.");
  }
  if (REQUIRED_CAVEATS.some((key) => !seen.has(key)) || !TARGET_CAVEATS.some((key) => seen.has(key))) return refuse("l402_invalid", "This macaroon lacks a required caveat.");
  const hash = createHash("sha256").update(credential.preimage).digest();
  if (!timingSafeEqual(hash, identifier.paymentHash)) return refuse("l402_wrong_preimage", "The preimage does not match this token's invoice.");
  return { ok: true, paymentHash: identifier.paymentHash.toString("hex"), target, validUntil };
}

const refuse = (code: Refused["code"], message: string): Refused => ({ ok: false, code, message });
