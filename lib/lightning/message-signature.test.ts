import { secp256k1 } from "@noble/curves/secp256k1.js";
import { describe, expect, it } from "vitest";
import { recoverMessageSigner, signMessageAsNode } from "@/lib/lightning/message-signature";

const privateKey = "3c".repeat(32);
const pubkey = Buffer.from(secp256k1.getPublicKey(Buffer.from(privateKey, "hex"), true)).toString("hex");

// The LND tests check the same function against signatures made by a real `lncli signmessage`.
describe("LND signed messages", () => {
  it("recovers the signer of a zbase32 signature over the prefixed double-SHA256", () => {
    const signature = signMessageAsNode("Sign in to example.com with challenge 00", privateKey);
    expect(signature).toMatch(/^[ybndrfg8ejkmcpqxot1uwisza345h769]{104}$/);
    expect(recoverMessageSigner("Sign in to example.com with challenge 00", signature)).toBe(pubkey);
  });

  it("recovers someone else for other text, and nothing from malformed signatures", () => {
    const signature = signMessageAsNode("original", privateKey);
    expect(recoverMessageSigner("edited", signature)).not.toBe(pubkey);
    expect(recoverMessageSigner("original", signature.slice(0, 100))).toBeNull();
    expect(recoverMessageSigner("original", "!!!")).toBeNull();
    expect(recoverMessageSigner("original", "y".repeat(104))).toBeNull();
  });
});
