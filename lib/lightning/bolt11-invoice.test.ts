import { createHash, randomBytes } from "node:crypto";
import bolt11 from "bolt11";
import { describe, expect, it } from "vitest";
import { decodeBolt11, decodeForNetwork } from "@/lib/lightning/bolt11-invoice";
import { secp256k1PublicKey } from "@/lib/lightning/dev-node/secp256k1-public-key";

const privateKey = "22".repeat(32);
function invoice(bech32: string, options: { msats?: string; descriptionHash?: string } = {}) {
  const paymentHash = createHash("sha256").update(randomBytes(32)).digest("hex");
  const unsigned = bolt11.encode({
    network: { bech32, pubKeyHash: 0x6f, scriptHash: 0xc4, validWitnessVersions: [0, 1] },
    ...(options.msats && { millisatoshis: options.msats }),
    timestamp: 1_800_000_000,
    tags: [
      { tagName: "payment_hash", data: paymentHash },
      options.descriptionHash ? { tagName: "purpose_commit_hash", data: options.descriptionHash } : { tagName: "description", data: "hello" },
      { tagName: "expire_time", data: 600 },
    ],
  });
  return { request: bolt11.sign(unsigned, privateKey).paymentRequest!, paymentHash };
}

describe("decoding invoices made elsewhere (withdrawals)", () => {
  it("reads the network from the prefix, and the payee, hash, amount and expiry", () => {
    for (const [bech32, network] of [["bc", "mainnet"], ["tb", "testnet"], ["tbs", "signet"], ["bcrt", "regtest"]] as const) {
      const { request, paymentHash } = invoice(bech32, { msats: "21000" });
      const decoded = decodeBolt11(`lightning:${request.toUpperCase()}`);
      expect(decoded).toMatchObject({ network, paymentHash, amountMsats: 21_000n, destination: secp256k1PublicKey(privateKey), description: "hello", paymentRequest: request });
      expect(decoded.expiresAt.getTime()).toBe((1_800_000_000 + 600) * 1000);
    }
  });

  it("gives amountless invoices a null amount and LNURL-pay invoices their description hash", () => {
    const hash = "ab".repeat(32);
    expect(decodeBolt11(invoice("bcrt", { descriptionHash: hash }).request)).toMatchObject({ amountMsats: null, descriptionHash: hash });
  });

  it("refuses garbage and other networks with a 400", () => {
    for (const bad of ["", "lnbcrt1garbage", "hello", "lnbc" + "q".repeat(5000)]) {
      expect(() => decodeBolt11(bad)).toThrow(expect.objectContaining({ status: 400, code: "invalid_invoice" }));
    }
    expect(() => decodeForNetwork(invoice("bc", { msats: "1000" }).request, "regtest")).toThrow(expect.objectContaining({ status: 400, code: "foreign_network" }));
    expect(decodeForNetwork(invoice("bcrt", { msats: "1000" }).request, "regtest").network).toBe("regtest");
  });
});
