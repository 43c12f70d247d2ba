import { createHash } from "node:crypto";
import bolt11 from "bolt11";
import { describe, expect, it } from "vitest";
import { decodeInvoice, encodeInvoice, newPreimage } from "@/lib/lightning/dev-node/invoice-codec";
import { secp256k1PublicKey } from "@/lib/lightning/dev-node/secp256k1-public-key";

const privateKey = "11".repeat(32);

function invoice(amountMsats = 1_000_000n) {
  const { preimage, paymentHash } = newPreimage();
  const createdAt = new Date();
  const request = encodeInvoice({ privateKey, paymentHash, amountMsats, description: "Test", createdAt, expiresAt: new Date(createdAt.getTime() + 600_000) });
  return { preimage, paymentHash, request, createdAt };
}

describe("development node invoices", () => {
  it("are real regtest BOLT11 invoices whose hash is sha256 of the preimage", () => {
    const { preimage, paymentHash, request } = invoice();
    expect(request).toMatch(/^lnbcrt10u1/);
    expect(createHash("sha256").update(Buffer.from(preimage, "hex")).digest("hex")).toBe(paymentHash);
  });

  it("decode to the signer's pubkey, amount, hash and expiry", () => {
    const { paymentHash, request, createdAt } = invoice(21_000n);
    const decoded = decodeInvoice(request);
    expect(decoded.payeePubkey).toBe(secp256k1PublicKey(privateKey));
    expect(decoded.paymentHash).toBe(paymentHash);
    expect(decoded.amountMsats).toBe(21_000n);
    expect(decoded.network).toBe("bcrt");
    expect(Math.abs(decoded.expiresAt.getTime() - (createdAt.getTime() + 600_000))).toBeLessThan(1000);
  });

  it("reject a tampered invoice (the signature no longer matches the payee)", () => {
    const { request } = invoice();
    const chars = request.split("");
    const at = 30;
    chars[at] = chars[at] === "q" ? "p" : "q";
    const tampered = chars.join("");
    let payee: string | undefined;
    try {
      payee = decodeInvoice(tampered).payeePubkey;
    } catch {
      payee = undefined; // checksum failure
    }
    expect(payee).not.toBe(secp256k1PublicKey(privateKey));
  });

  it("reject garbage", () => {
    expect(() => decodeInvoice("lnbcrt1garbage")).toThrow();
    expect(() => decodeInvoice("")).toThrow();
  });

  it("commit to a description hash instead of a description (LNURL-pay, LUD-06)", () => {
    const metadata = JSON.stringify([["text/plain", "Tip"]]);
    const descriptionHash = createHash("sha256").update(metadata, "utf8").digest("hex");
    const { paymentHash } = newPreimage();
    const createdAt = new Date();
    const request = encodeInvoice({ privateKey, paymentHash, amountMsats: 5000n, descriptionHash, createdAt, expiresAt: new Date(createdAt.getTime() + 600_000) });
    const tags = bolt11.decode(request).tags;
    expect(tags.find((tag) => tag.tagName === "purpose_commit_hash")?.data).toBe(descriptionHash);
    expect(tags.some((tag) => tag.tagName === "description")).toBe(false);
    expect(decodeInvoice(request).paymentHash).toBe(paymentHash);
  });

  it("refuse both or neither of description and description hash, and a malformed hash", () => {
    const base = { privateKey, paymentHash: newPreimage().paymentHash, amountMsats: 1000n, createdAt: new Date(), expiresAt: new Date(Date.now() + 60_000) };
    expect(() => encodeInvoice({ ...base, description: "a", descriptionHash: "00".repeat(32) })).toThrow();
    expect(() => encodeInvoice(base)).toThrow();
    expect(() => encodeInvoice({ ...base, descriptionHash: "xyz" })).toThrow();
  });
});
