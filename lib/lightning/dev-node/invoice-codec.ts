import "server-only";
import { createHash, randomBytes } from "node:crypto";
import bolt11 from "bolt11";

// Real BOLT11 encoding and signing for the development node, through the `bolt11` library.
// Regtest parameters, so invoices start with "lnbcrt" exactly as alice's on a regtest network.
export const REGTEST = { bech32: "bcrt", pubKeyHash: 0x6f, scriptHash: 0xc4, validWitnessVersions: [0, 1] };

export type DecodedInvoice = {
  paymentHash: string;
  payeePubkey: string;
  amountMsats: bigint | null;
  expiresAt: Date;
  network: string;
};

export function newPreimage(): { preimage: string; paymentHash: string } {
  const preimage = randomBytes(32);
  return { preimage: preimage.toString("hex"), paymentHash: createHash("sha256").update(preimage).digest("hex") };
}

export function encodeInvoice(input: {
  privateKey: string;
  paymentHash: string;
  /** null: an amountless invoice (the payer chooses). */
  amountMsats: bigint | null;
  description: string;
  /** LNURL-pay invoices commit to sha256(metadata) instead of carrying a description. */
  descriptionHash?: string;
  createdAt: Date;
  expiresAt: Date;
}): string {
  const timestamp = Math.floor(input.createdAt.getTime() / 1000);
  const expirySeconds = Math.max(1, Math.floor(input.expiresAt.getTime() / 1000) - timestamp);
  const unsigned = bolt11.encode({
    network: REGTEST,
    ...(input.amountMsats !== null && { millisatoshis: input.amountMsats.toString() }),
    timestamp,
    tags: [
      { tagName: "payment_hash", data: input.paymentHash },
      { tagName: "payment_secret", data: randomBytes(32).toString("hex") },
      input.descriptionHash ? { tagName: "purpose_commit_hash", data: input.descriptionHash } : { tagName: "description", data: input.description },
      { tagName: "expire_time", data: expirySeconds },
      { tagName: "min_final_cltv_expiry", data: 80 },
      {
        tagName: "feature_bits",
        data: { word_length: 4, var_onion_optin: { required: false, supported: true }, payment_secret: { required: false, supported: true } },
      },
    ],
  });
  const signed = bolt11.sign(unsigned, input.privateKey);
  if (!signed.paymentRequest) throw new Error("bolt11 did not produce a payment request");
  return signed.paymentRequest;
}

/** Decodes and verifies the signature; throws on anything that is not a valid BOLT11 invoice. */
export function decodeInvoice(request: string): DecodedInvoice {
  const prefix = request.slice(0, 6).toLowerCase();
  const network = prefix.startsWith("lnbcrt") ? REGTEST : undefined;
  const decoded = bolt11.decode(request.toLowerCase(), network);
  const paymentHash = decoded.tags.find((tag) => tag.tagName === "payment_hash")?.data;
  if (typeof paymentHash !== "string" || !decoded.payeeNodeKey || !decoded.timeExpireDate) {
    throw new Error("invoice lacks a payment hash, payee or expiry");
  }
  return {
    paymentHash,
    payeePubkey: decoded.payeeNodeKey,
    amountMsats: decoded.millisatoshis ? BigInt(decoded.millisatoshis) : null,
    expiresAt: new Date(decoded.timeExpireDate * 1000),
    network: decoded.network?.bech32 ?? "unknown",
  };
}
