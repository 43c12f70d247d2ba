import "server-only";
import { cancelDevInvoice } from "@/lib/lightning/dev-node/dev-invoice-queries";
import { db } from "@/lib/db/client";
import type { InvoiceLookup, LightningBackend, Settlement, SettlementSubscription } from "@/lib/lightning/backend";
import { decodeForNetwork } from "@/lib/lightning/bolt11-invoice";
import { devPaymentLookup, payDevWalletInvoice } from "@/lib/lightning/dev-node/dev-node-payments";
import { devNodeKey } from "@/lib/lightning/dev-node/dev-node-key";
import { encodeInvoice, newPreimage } from "@/lib/lightning/dev-node/invoice-codec";
import { devSettlementFeed } from "@/lib/lightning/dev-node/settlement-feed";
import { recoverMessageSigner } from "@/lib/lightning/message-signature";

// Cross-process settlements (the dev-wallet command) are noticed within this interval;
// in-process ones wake the follower at once through the settlement feed.
const POLL_MS = 1000;

type DevInvoiceRow = { paymentHash: string; expiresAt: Date; settledAt: Date | null; canceledAt: Date | null; settleIndex: bigint | null; amountMsats: bigint };

export function createDevNodeBackend(): LightningBackend {
  return {
    kind: "dev",

    async createInvoice({ amountMsats, description, descriptionHash, expiresAt }) {
      const key = await devNodeKey();
      const { preimage, paymentHash } = newPreimage();
      const createdAt = new Date();
      const request = encodeInvoice({ privateKey: key.privateKey, paymentHash, amountMsats, description, descriptionHash, createdAt, expiresAt });
      // The row keeps what the invoice commits to: the text, or the hash a wallet checks (LUD-06).
      const stored = descriptionHash === undefined ? (description ?? "") : `sha256:${descriptionHash}`;
      await db().devInvoice.create({ data: { paymentHash, preimage, request, amountMsats, description: stored, createdAt, expiresAt } });
      return { paymentHash, paymentRequest: request, expiresAt };
    },

    async getInvoice(paymentHash) {
      const row = await db().devInvoice.findUnique({ where: { paymentHash } });
      return row ? toLookup(row) : null;
    },

    // One conditional UPDATE, so it races safely with the dev wallet's own (settledAt IS NULL).
    async cancelInvoice(paymentHash) {
      return (await cancelDevInvoice(paymentHash)) === 1;
    },

    subscribeSettlements(subscription) {
      return followSettlements(subscription);
    },

    async getNodeInfo() {
      const key = await devNodeKey();
      return { backend: "dev", alias: "development node", pubkey: key.publicKey, network: "regtest", version: "built-in", syncedToChain: true };
    },

    // The development node has no graph: it treats every node as known.
    async verifyMessage(message, signature) {
      const pubkey = recoverMessageSigner(message, signature);
      return pubkey ? { pubkey, nodeKnown: true } : null;
    },

    async payInvoice({ paymentRequest, maxFeeMsats }) {
      return payDevWalletInvoice(decodeForNetwork(paymentRequest, "regtest"), maxFeeMsats);
    },

    getPayment: devPaymentLookup,

    async decodeInvoice(request) {
      return decodeForNetwork(request, "regtest");
    },
  };
}

function toLookup(row: DevInvoiceRow): InvoiceLookup {
  const state = row.settledAt ? "settled" : row.canceledAt ? "canceled" : row.expiresAt.getTime() <= Date.now() ? "expired" : "open";
  return {
    paymentHash: row.paymentHash,
    state,
    receivedMsats: row.settledAt ? row.amountMsats : 0n,
    settleIndex: row.settleIndex === null ? null : Number(row.settleIndex),
    settledAt: row.settledAt,
    expiresAt: row.expiresAt,
  };
}

function followSettlements({ afterSettleIndex, onSettlement, onError }: SettlementSubscription) {
  let cursor = afterSettleIndex;
  let running = false;
  let again = false;
  let stopped = false;

  // One reader at a time, in settle-index order, so nothing is skipped or delivered twice.
  const drain = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const rows = await db().devInvoice.findMany({ where: { settleIndex: { gt: cursor } }, orderBy: { settleIndex: "asc" }, take: 500 });
        for (const row of rows) {
          if (stopped || row.settleIndex === null || !row.settledAt) continue;
          const settlement: Settlement = { paymentHash: row.paymentHash, settleIndex: Number(row.settleIndex), settledAt: row.settledAt, receivedMsats: row.amountMsats };
          await onSettlement(settlement);
          cursor = Number(row.settleIndex);
        }
        if (rows.length === 500) again = true;
      } while (again && !stopped);
    } catch (error) {
      onError(error);
    } finally {
      running = false;
    }
  };

  const feed = devSettlementFeed();
  const wake = () => void drain();
  feed.on("settled", wake);
  const timer = setInterval(wake, POLL_MS);
  timer.unref();
  void drain();
  return () => {
    stopped = true;
    clearInterval(timer);
    feed.off("settled", wake);
  };
}
