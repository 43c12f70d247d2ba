import { randomBytes } from "node:crypto";

// The L402 macaroon identifier (L402 protocol specification, "Macaroon identifier"): version
// (uint16 big-endian, 0), the payment hash (32 bytes), the token id (32 bytes). Our token id is
// the id of the root key that signed it (16 bytes) followed by 16 random bytes, so the verifier
// finds the key from the identifier alone (no caveat to trust, no database row per token).

export const IDENTIFIER_VERSION = 0;
export const IDENTIFIER_BYTES = 2 + 32 + 32;
export const ROOT_KEY_ID_BYTES = 16;

export type L402Identifier = { paymentHash: Buffer; tokenId: Buffer; rootKeyId: string };

/** A new identifier for an invoice's payment hash, naming the root key (hex id) that signs it. */
export function newIdentifier(paymentHashHex: string, rootKeyId: string): Buffer {
  const paymentHash = Buffer.from(paymentHashHex, "hex");
  const keyId = Buffer.from(rootKeyId, "hex");
  if (paymentHash.length !== 32 || paymentHashHex.length !== 64) throw new Error("payment hash must be 32 bytes of hex");
  if (keyId.length !== ROOT_KEY_ID_BYTES || rootKeyId.length !== ROOT_KEY_ID_BYTES * 2) throw new Error("root key id must be 16 bytes of hex");
  return encodeIdentifier({ paymentHash, tokenId: Buffer.concat([keyId, randomBytes(32 - ROOT_KEY_ID_BYTES)]) });
}

export function encodeIdentifier({ paymentHash, tokenId }: { paymentHash: Buffer; tokenId: Buffer }): Buffer {
  const out = Buffer.alloc(IDENTIFIER_BYTES);
  out.writeUInt16BE(IDENTIFIER_VERSION, 0);
  paymentHash.copy(out, 2);
  tokenId.copy(out, 34);
  return out;
}

/** The identifier's parts, or null for any other length or version (refused, never guessed at). */
export function decodeIdentifier(bytes: Uint8Array): L402Identifier | null {
  if (bytes.length !== IDENTIFIER_BYTES) return null;
  const buffer = Buffer.from(bytes);
  if (buffer.readUInt16BE(0) !== IDENTIFIER_VERSION) return null;
  const tokenId = buffer.subarray(34, 66);
  return { paymentHash: buffer.subarray(2, 34), tokenId, rootKeyId: tokenId.subarray(0, ROOT_KEY_ID_BYTES).toString("hex") };
}
