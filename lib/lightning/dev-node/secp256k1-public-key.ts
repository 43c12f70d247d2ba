import { secp256k1 } from "@noble/curves/secp256k1.js";

/** Compressed public key (33 bytes, hex) of a secp256k1 private key given in hex. */
export function secp256k1PublicKey(privateKeyHex: string): string {
  return Buffer.from(secp256k1.getPublicKey(Buffer.from(privateKeyHex, "hex"), true)).toString("hex");
}
