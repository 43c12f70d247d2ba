import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { devNodeKey } from "@/lib/lightning/dev-node/dev-node-key";
import { encodeInvoice, newPreimage } from "@/lib/lightning/dev-node/invoice-codec";
import { secp256k1PublicKey } from "@/lib/lightning/dev-node/secp256k1-public-key";

// The development wallet's receive side: it issues invoices signed by its own key (derived from
// the development node's, so nothing more is stored), and the development node pays them
// (withdrawals without LND). Its invoices are foreign to the node, as a reader's wallet is.
export type DevWalletInvoiceInput = { amountMsats: bigint | null; description?: string; descriptionHash?: string; expirySeconds?: number };

export async function devWalletKey(): Promise<{ privateKey: string; publicKey: string }> {
  const node = await devNodeKey();
  const privateKey = createHash("sha256").update(`dev-wallet:${node.privateKey}`).digest("hex");
  return { privateKey, publicKey: secp256k1PublicKey(privateKey) };
}

/** A regtest invoice of the dev wallet that the development node can pay. */
export async function receiveWithDevWallet(input: DevWalletInvoiceInput): Promise<{ paymentRequest: string; paymentHash: string; expiresAt: Date }> {
  const key = await devWalletKey();
  const { preimage, paymentHash } = newPreimage();
  const createdAt = new Date();
  const expiresAt = new Date(createdAt.getTime() + (input.expirySeconds ?? 3600) * 1000);
  const description = input.description ?? "Dev wallet";
  const text = input.descriptionHash === undefined ? { description } : { descriptionHash: input.descriptionHash };
  const request = encodeInvoice({ privateKey: key.privateKey, paymentHash, amountMsats: input.amountMsats, ...text, createdAt, expiresAt });
  await db().devWalletInvoice.create({ data: { paymentHash, preimage, request, amountMsats: input.amountMsats, description, createdAt, expiresAt } });
  return { paymentRequest: request, paymentHash, expiresAt };
}
