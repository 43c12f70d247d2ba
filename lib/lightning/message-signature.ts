import { createHash } from "node:crypto";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import * as zbase32 from "zbase32";

// LND's signed-message format (`lncli signmessage` / `verifymessage`): a compact recoverable
// ECDSA signature over sha256d("Lightning Signed Message:" + message), zbase32 encoded, whose
// first byte is 31 + recovery id (27 + 4 for a compressed key). The development node verifies
// with this; LND verifies on the node itself.
const PREFIX = "Lightning Signed Message:";
const COMPRESSED_HEADER = 31;

function digest(message: string): Uint8Array {
  const once = createHash("sha256").update(PREFIX + message, "utf8").digest();
  return createHash("sha256").update(once).digest();
}

/** The signer's compressed public key (hex), or null when the signature is malformed or does not recover. */
export function recoverMessageSigner(message: string, signature: string): string | null {
  let bytes: Uint8Array;
  try {
    bytes = zbase32.decode(signature);
  } catch {
    return null;
  }
  if (bytes.length !== 65) return null;
  const recovery = bytes[0]! - COMPRESSED_HEADER;
  if (recovery < 0 || recovery > 3) return null;
  const recovered = new Uint8Array(65);
  recovered[0] = recovery;
  recovered.set(bytes.subarray(1), 1);
  try {
    const pubkey = secp256k1.recoverPublicKey(recovered, digest(message), { prehash: false });
    return Buffer.from(pubkey).toString("hex");
  } catch {
    return null;
  }
}

/** Signs as `lncli signmessage` does (used by the development wallet and the tests). */
export function signMessageAsNode(message: string, privateKeyHex: string): string {
  const signature = secp256k1.sign(digest(message), Buffer.from(privateKeyHex, "hex"), { prehash: false, format: "recovered" });
  const compact = new Uint8Array(65);
  compact[0] = signature[0]! + COMPRESSED_HEADER;
  compact.set(signature.subarray(1), 1);
  return zbase32.encode(compact.buffer);
}
