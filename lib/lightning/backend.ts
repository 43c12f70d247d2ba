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
