import "server-only";
import { createHash, randomBytes } from "node:crypto";
import bolt11 from "bolt11";
import { SHA256_HEX } from "@/lib/http/identifiers";

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
  /** null: an amountless invoice (the payer chooses; the dev wallet's receive side). */
  amountMsats: bigint | null;
  /** Exactly one: the description (`d` tag) or the hex sha256 of one (`h` tag, LNURL-pay). */
  description?: string;
  descriptionHash?: string;
  createdAt: Date;
  expiresAt: Date;
}): string {
  if ((input.description === undefined) === (input.descriptionHash === undefined)) {
    throw new Error("an invoice needs a description or a description hash, not both");
  }
  if (input.descriptionHash !== undefined && !SHA256_HEX.test(input.descriptionHash)) throw new Error("description hash must be 32 bytes of hex");
  const timestamp = Math.floor(input.createdAt.getTime() / 1000);
  const expirySeconds = Math.max(1, Math.floor(input.expiresAt.getTime() / 1000) - timestamp);
  const unsigned = bolt11.encode({
    network: REGTEST,
    ...(input.amountMsats !== null && { millisatoshis: input.amountMsats.toString() }),
    timestamp,
    tags: [
      { tagName: "payment_hash", data: input.paymentHash },
      { tagName: "payment_secret", data: randomBytes(32).toString("hex") },
      input.descriptionHash === undefined ? { tagName: "description", data: input.description ?? "" } : { tagName: "purpose_commit_hash", data: input.descriptionHash },
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
