import "server-only";
import { authenticatedLndGrpc, cancelHodlInvoice, createInvoice, getInvoice, getNode, getPayment, getWalletInfo, subscribeToInvoices, subscribeToPayViaRequest, verifyMessage } from "lightning";
import type { AuthenticatedLnd, GetInvoiceResult } from "lightning";
import { decodeBolt11, decodeForNetwork } from "@/lib/lightning/bolt11-invoice";
import {
  LightningUnavailableError,
  type InvoiceLookup,
  type PaymentLookup,
  type PayResult,
  type LightningBackend,
  type NodeInfo,
  type SettlementSubscription,
} from "@/lib/lightning/backend";
import { explainLndError, type LndCredentials } from "@/lib/lightning/lnd/lnd-credentials";

const CALL_TIMEOUT_MS = 15_000;
const RESUBSCRIBE_MIN_MS = 500;
// A lost stream costs unlocks, and a retry costs one cheap call: keep retrying often.
const RESUBSCRIBE_MAX_MS = 5_000;
// How long payInvoice waits for a payment's outcome before answering "in_flight".
const DEFAULT_WAIT_SECONDS = 30;

// LND over gRPC through the `lightning` package. The only file in the project that imports it.
export function createLndBackend(credentials: LndCredentials): LightningBackend {
  const { lnd } = authenticatedLndGrpc(credentials);
  // gRPC waits for a connection without a deadline when a host drops packets; readers should not.
  const call = <T>(request: Promise<T>): Promise<T> =>
    Promise.race([
      request,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timeout: no answer from LND in ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS).unref()),
    ]);
  const fail = (error: unknown): never => {
    const { message, setting } = explainLndError(error, credentials.socket);
    throw new LightningUnavailableError(message, setting);
  };

  let network: Promise<string> | undefined;
  const nodeNetwork = () => (network ??= call(getWalletInfo({ lnd })).then((info) => networkFromChains(info.chains)).catch((error) => {
    network = undefined;
    return fail(error);
  }));

  return {
    kind: "lnd",

    payInvoice: (input) => payWithLnd(lnd, fail, input),
    getPayment: (paymentHash) => lookupWithLnd(lnd, fail, paymentHash),
    async decodeInvoice(request) {
      decodeBolt11(request); // malformed input is a 400 before any node call
      return decodeForNetwork(request, await nodeNetwork());
    },

    async createInvoice({ amountMsats, description, descriptionHash, expiresAt }) {
      const invoice = await call(
        createInvoice({ lnd, mtokens: amountMsats.toString(), description, description_hash: descriptionHash, expires_at: expiresAt.toISOString() }),
      ).catch(fail);
      return { paymentHash: invoice.id, paymentRequest: invoice.request, expiresAt };
    },

    async getInvoice(paymentHash) {
      try {
        const invoice = await call(getInvoice({ lnd, id: paymentHash }));
        return toLookup(invoice);
      } catch (error) {
        if (Array.isArray(error) && error[0] === 404) return null;
        const text = JSON.stringify(error);
        if (/unable to locate invoice|there are no existing invoices/i.test(text)) return null;
        return fail(error);
      }
    },

    // LND's CancelInvoice (invoicesrpc) voids ordinary open invoices too, not only hold invoices.
    async cancelInvoice(paymentHash) {
      try {
        await call(cancelHodlInvoice({ lnd, id: paymentHash }));
        return true;
      } catch (error) {
        const text = JSON.stringify(error);
        if (/unable to locate invoice|invoice already settled|invoice already canceled|cannot cancel/i.test(text)) return false;
        return fail(error);
      }
    },

    subscribeSettlements(subscription) {
      return followSettlements(lnd, subscription);
    },

    async getNodeInfo(): Promise<NodeInfo> {
      const info = await call(getWalletInfo({ lnd })).catch(fail);
      return {
        backend: "lnd",
        alias: info.alias,
        pubkey: info.public_key,
        network: networkFromChains(info.chains),
        version: info.version,
        syncedToChain: info.is_synced_to_chain,
      };
    },

    async verifyMessage(message, signature) {
      let pubkey: string;
      try {
        pubkey = (await call(verifyMessage({ lnd, message, signature }))).signed_by;
      } catch (error) {
        // LND answers a signature it cannot decode or recover with an error or without a key.
        if (isSignatureRejection(error)) return null;
        return fail(error);
      }
      // LND's own "valid" means "signed by a node in my graph"; the library drops that flag, so
      // look the signer up in the graph the same way.
      try {
        await call(getNode({ lnd, public_key: pubkey, is_omitting_channels: true }));
        return { pubkey, nodeKnown: true };
      } catch (error) {
        if (Array.isArray(error) && error[0] === 404) return { pubkey, nodeKnown: false };
        return fail(error);
      }
    },
  };
}

// Outgoing payments through LND's router (SendPaymentV2 / TrackPaymentV2). LND records a payment
// before its first attempt and refuses a second payment of the same hash, so a payment is never
// made twice; "failed" is reported only when LND says the payment failed for good.

type Fail = (error: unknown) => never;

function payWithLnd(lnd: AuthenticatedLnd, fail: Fail, input: { paymentRequest: string; maxFeeMsats: bigint; timeoutSeconds?: number }): Promise<PayResult> {
  const waitMs = (input.timeoutSeconds ?? DEFAULT_WAIT_SECONDS) * 1000;
  return new Promise<PayResult | "ask">((resolve) => {
    let sub: ReturnType<typeof subscribeToPayViaRequest>;
    try {
      sub = subscribeToPayViaRequest({ lnd, request: input.paymentRequest, max_fee_mtokens: input.maxFeeMsats.toString(), pathfinding_timeout: Math.min(waitMs, 60_000) });
    } catch (error) {
      // The library refuses the request before sending anything (malformed invoice).
      resolve({ status: "failed", reason: error instanceof Error ? error.message : "invalid payment request" });
      return;
    }
    const done = (result: PayResult | "ask") => {
      clearTimeout(timer);
      sub.removeAllListeners();
      // LND keeps paying after we stop listening; the outcome is read later with getPayment.
      sub.on("error", () => {});
      resolve(result);
    };
    const timer = setTimeout(() => done({ status: "in_flight" }), waitMs);
    sub.once("confirmed", (paid: { fee_mtokens: string; secret: string }) => done({ status: "succeeded", feeMsats: BigInt(paid.fee_mtokens), preimage: paid.secret }));
    sub.once("failed", (failed: Record<string, boolean>) => done({ status: "failed", reason: failureReason(failed) }));
    // An error may come before or after LND recorded the payment: ask LND what it knows.
    sub.once("error", () => done("ask"));
  }).then(async (result) => {
    if (result !== "ask") return result;
    const known = await lookupWithLnd(lnd, fail, invoiceHash(input.paymentRequest));
    // Unknown after the call ended: LND refused it before recording any attempt.
    return known.status === "unknown" ? { status: "failed" as const, reason: "The node refused to pay this invoice" } : known;
  });
}

async function lookupWithLnd(lnd: AuthenticatedLnd, fail: Fail, paymentHash: string): Promise<PaymentLookup> {
  try {
    const payment = await Promise.race([
      getPayment({ lnd, id: paymentHash }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timeout: no answer from LND in ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS).unref()),
    ]);
    if (payment.is_confirmed && payment.payment) return { status: "succeeded", feeMsats: BigInt(payment.payment.fee_mtokens), preimage: payment.payment.secret };
    if (payment.is_failed) return { status: "failed", reason: failureReason(payment.failed ?? {}) };
    return { status: "in_flight" };
  } catch (error) {
    if (Array.isArray(error) && error[0] === 404) return { status: "unknown" };
    if (/SentPaymentNotFound|payment isn't initiated/i.test(JSON.stringify(error))) return { status: "unknown" };
    return fail(error);
  }
}

function failureReason(failed: Record<string, boolean | undefined>): string {
  if (failed.is_invalid_payment) return "The recipient rejected the payment (wrong amount, or the invoice was canceled)";
  if (failed.is_insufficient_balance) return "The site's node has not enough outbound liquidity";
  if (failed.is_route_not_found) return "No route to the recipient within the fee limit";
  if (failed.is_pathfinding_timeout) return "No route found in time";
  if (failed.is_canceled) return "The payment was canceled";
  return "The payment failed";
}

function invoiceHash(request: string): string {
  try {
    return decodeBolt11(request).paymentHash;
  } catch {
    throw new LightningUnavailableError("invalid payment request");
  }
}

function isSignatureRejection(error: unknown): boolean {
  if (!Array.isArray(error)) return false;
  if (error[1] === "ExpectedPublicKeyInVerifyMessageResponse") return true;
  return error[1] === "UnexpectedVerifyMessageError" && /signature|zbase32|decode|invalid/i.test(JSON.stringify(error[2] ?? ""));
}

function toLookup(invoice: GetInvoiceResult): InvoiceLookup {
  const expiresAt = new Date(invoice.expires_at);
  const settled = invoice.is_confirmed;
  const state = settled ? "settled" : invoice.is_canceled ? "canceled" : expiresAt.getTime() <= Date.now() ? "expired" : "open";
  // The library returns LND's settle_index as confirmed_index, though its types omit it.
  const settleIndex = (invoice as { confirmed_index?: number }).confirmed_index;
  return {
    paymentHash: invoice.id,
    state,
    receivedMsats: BigInt(invoice.received_mtokens),
    settleIndex: settleIndex ?? null,
    settledAt: invoice.confirmed_at ? new Date(invoice.confirmed_at) : null,
    expiresAt,
  };
}

// The library resubscribes by itself, but after a non-settle update it forgets the settle
// cursor and waits 30 s. We keep our own cursor and resubscribe with backoff instead, so an LND
// restart resumes exactly where we were.
function followSettlements(lnd: AuthenticatedLnd, { afterSettleIndex, onSettlement, onError }: SettlementSubscription) {
  let cursor = afterSettleIndex;
  let stopped = false;
  let delay = RESUBSCRIBE_MIN_MS;
  let timer: NodeJS.Timeout | undefined;
  let current: ReturnType<typeof subscribeToInvoices> | undefined;

  const start = () => {
    if (stopped) return;
    const sub = subscribeToInvoices({ lnd, confirmed_after: cursor || undefined, restart_delay_ms: RESUBSCRIBE_MAX_MS });
    current = sub;
    sub.on("invoice_updated", async (invoice: { id: string; is_confirmed: boolean; confirmed_index?: number; confirmed_at?: string; received_mtokens: string }) => {
      delay = RESUBSCRIBE_MIN_MS;
      if (!invoice.is_confirmed || !invoice.confirmed_index) return;
      if (invoice.confirmed_index > cursor) cursor = invoice.confirmed_index;
      try {
        await onSettlement({
          paymentHash: invoice.id,
          settleIndex: invoice.confirmed_index,
          settledAt: invoice.confirmed_at ? new Date(invoice.confirmed_at) : new Date(),
          receivedMsats: BigInt(invoice.received_mtokens),
        });
      } catch (error) {
        onError(error);
      }
    });
    sub.on("error", (error: unknown) => {
      sub.removeAllListeners();
      if (stopped) return;
      onError(error);
      timer = setTimeout(start, delay);
      delay = Math.min(delay * 2, RESUBSCRIBE_MAX_MS);
    });
  };

  start();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    current?.removeAllListeners();
  };
}

function networkFromChains(chains: string[]): string {
  // LND reports chains as genesis-hash ids; map the three bitcoin networks we care about.
  const known: Record<string, string> = {
    "6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000": "mainnet",
    "43497fd7f826957108f4a30fd9cec3aeba79972084e90ead01ea330900000000": "testnet",
    "06226e46111a0b59caaf126043eb5bbf28c34f3a5e332a1fc7b2b73cf188910f": "regtest",
    "f61eee3b63a380a477a063af32b2bbc97c9ff9f01f2c4225e973988108000000": "signet",
  };
  return chains.map((chain) => known[chain] ?? chain).join(",") || "unknown";
}
