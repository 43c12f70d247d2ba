// The one interface every Lightning backend implements (LND over gRPC, the built-in
// development node). Nothing outside lib/lightning/ knows which one is in use.

export type CreatedInvoice = {
  paymentHash: string;
  paymentRequest: string;
  expiresAt: Date;
};

export type InvoiceState = "open" | "settled" | "canceled" | "expired";

export type InvoiceLookup = {
  paymentHash: string;
  state: InvoiceState;
  receivedMsats: bigint;
  settleIndex: number | null;
  settledAt: Date | null;
  expiresAt: Date;
};

export type Settlement = {
  paymentHash: string;
  settleIndex: number;
  settledAt: Date;
  receivedMsats: bigint;
};

export type NodeInfo = {
  backend: "lnd" | "dev";
  alias: string;
  pubkey: string;
  network: string;
  version: string;
  syncedToChain: boolean;
};

export type SettlementSubscription = {
  /** Settlements with a settle index above this one are replayed, then new ones streamed. */
  afterSettleIndex: number;
  onSettlement: (settlement: Settlement) => void | Promise<void>;
  onError: (error: unknown) => void;
};

/** A BOLT11 invoice someone else made (decoded without a node call; signature checked). */
export type DecodedInvoice = {
  /** Normalised (lower case, no lightning: prefix). */
  paymentRequest: string;
  paymentHash: string;
  amountMsats: bigint | null;
  expiresAt: Date;
  network: string;
  /** The payee's node pubkey. */
  destination: string;
  description?: string;
  descriptionHash?: string;
};

/**
 * The outcome of paying an invoice. "failed" only when the payment definitely did not and will
 * not happen (the money may be credited back); "in_flight" when it may still complete.
 */
export type PayResult =
  | { status: "succeeded"; feeMsats: bigint; preimage: string }
  | { status: "failed"; reason: string }
  | { status: "in_flight" };

/** What the node knows of an outgoing payment; "unknown": it never saw one for that hash. */
export type PaymentLookup =
  | { status: "succeeded"; feeMsats: bigint; preimage: string }
  | { status: "failed"; reason: string }
  | { status: "in_flight" }
  | { status: "unknown" };

/** Who signed a message (LND's signmessage format) and whether the site's node knows that node. */
export type MessageSigner = { pubkey: string; nodeKnown: boolean };

export interface LightningBackend {
  readonly kind: "lnd" | "dev";
  /**
   * Either a description, or the hex sha256 of one (BOLT11 `h` tag): LNURL-pay invoices commit to
   * the metadata the wallet was shown (LUD-06) without carrying it. Exactly one of the two.
   */
  createInvoice(input: { amountMsats: bigint; description?: string; descriptionHash?: string; expiresAt: Date }): Promise<CreatedInvoice>;
  /** null when the node does not know the invoice. */
  getInvoice(paymentHash: string): Promise<InvoiceLookup | null>;
  /**
   * Voids an open invoice so no wallet can pay it any more. False when the node refused because
   * it is settled or unknown; canceling a canceled invoice is harmless (LND answers true).
   */
  cancelInvoice(paymentHash: string): Promise<boolean>;
  subscribeSettlements(subscription: SettlementSubscription): () => void;
  getNodeInfo(): Promise<NodeInfo>;
  /** null when the signature is malformed or does not match the message. */
  verifyMessage(message: string, signature: string): Promise<MessageSigner | null>;
  /**
   * Pays a BOLT11 invoice with at most maxFeeMsats of routing fees, waiting up to timeoutSeconds
   * for the outcome ("in_flight" after that). Anything unclear throws LightningUnavailableError.
   */
  payInvoice(input: { paymentRequest: string; maxFeeMsats: bigint; timeoutSeconds?: number }): Promise<PayResult>;
  /** The node's record of an outgoing payment (asked after a crash, before paying again). */
  getPayment(paymentHash: string): Promise<PaymentLookup>;
  /** Decodes an invoice and checks it is for this node's network; a 400 AppError otherwise. */
  decodeInvoice(request: string): Promise<DecodedInvoice>;
}

// Next.js may load this module once per bundle while the backend instance is shared through
// globalThis, so errors are recognised by a global brand, never by instanceof.
const UNAVAILABLE = Symbol.for("lightning-press.lightning-unavailable");

/** Thrown by a backend when the node cannot be reached or refuses us; callers answer 503. */
export class LightningUnavailableError extends Error {
  readonly [UNAVAILABLE] = true;
  constructor(message: string, readonly setting?: string) {
    super(message);
    this.name = "LightningUnavailableError";
  }
}

export function isLightningUnavailable(error: unknown): error is LightningUnavailableError {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[UNAVAILABLE] === true;
}
