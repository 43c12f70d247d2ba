import bolt11 from "bolt11";
import { AppError } from "@/lib/errors";
import { SHA256_HEX } from "@/lib/http/identifiers";
import type { DecodedInvoice } from "@/lib/lightning/backend";

// BOLT11 decoding for invoices someone else made (withdrawals), through the `bolt11` library,
// so it works without asking a node. The signature is checked (the payee key is recovered from
// it), and the network comes from the human-readable prefix.
const NETWORKS = [
  // Longest prefixes first: "lnbcrt" also starts with "lnbc", "lntbs" with "lntb".
  { prefix: "lnbcrt", name: "regtest", bech32: "bcrt" },
  { prefix: "lntbs", name: "signet", bech32: "tbs" },
  { prefix: "lnbc", name: "mainnet", bech32: "bc" },
  { prefix: "lntb", name: "testnet", bech32: "tb" },
] as const;

// Long enough for any real invoice (route hints included), short enough to bound the work.
export const MAX_INVOICE_LENGTH = 4000;

const invalid = (why: string) => new AppError(400, `Not a valid BOLT11 invoice: ${why}`, "invalid_invoice");

/** Decodes a BOLT11 invoice; any malformed input is a 400 AppError. */
export function decodeBolt11(input: string): DecodedInvoice {
  const request = input.trim().replace(/^lightning:/i, "").toLowerCase();
  if (request.length > MAX_INVOICE_LENGTH) throw invalid("too long");
  const network = NETWORKS.find((candidate) => request.startsWith(candidate.prefix));
  if (!network) throw invalid("it must start with lnbc, lntb, lntbs or lnbcrt");
  let decoded: ReturnType<typeof bolt11.decode>;
  try {
    decoded = bolt11.decode(request, { bech32: network.bech32, pubKeyHash: 0x6f, scriptHash: 0xc4, validWitnessVersions: [0, 1] });
  } catch (error) {
    throw invalid(error instanceof Error ? error.message.slice(0, 120) : "undecodable");
  }
  const tag = (name: string) => decoded.tags.find((entry) => entry.tagName === name)?.data;
  const paymentHash = tag("payment_hash");
  if (typeof paymentHash !== "string" || !SHA256_HEX.test(paymentHash)) throw invalid("no payment hash");
  if (!decoded.payeeNodeKey) throw invalid("no payee");
  const expiresAt = new Date((decoded.timeExpireDate ?? (decoded.timestamp ?? 0) + 3600) * 1000);
  const description = tag("description");
  const descriptionHash = tag("purpose_commit_hash");
  return {
    paymentRequest: request,
    paymentHash,
    amountMsats: decoded.millisatoshis ? BigInt(decoded.millisatoshis) : null,
    expiresAt,
    network: network.name,
    destination: decoded.payeeNodeKey,
    description: typeof description === "string" ? description : undefined,
    descriptionHash: typeof descriptionHash === "string" ? descriptionHash : undefined,
  };
}

/** Decodes and checks that the invoice is for the node's network (a foreign network is a 4xx). */
export function decodeForNetwork(input: string, nodeNetwork: string): DecodedInvoice {
  const decoded = decodeBolt11(input);
  if (!nodeNetwork.split(",").includes(decoded.network)) {
    throw new AppError(400, `This invoice is for ${decoded.network}, but this site's node is on ${nodeNetwork}`, "foreign_network");
  }
  return decoded;
}
