// The payment lifecycle. Every transition is one conditional UPDATE from the states listed
// here (lib/payments/transitions.ts), so a repeated or concurrent event changes nothing twice.
export const PAYMENT_STATUSES = ["pending_invoice", "pending_payment", "complete", "expired", "error"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const ALLOWED_FROM: Record<PaymentStatus, readonly PaymentStatus[]> = {
  // An invoice is created only for a payment waiting for one.
  pending_payment: ["pending_invoice"],
  // A settlement counts even if we had already given up on the invoice by the clock.
  complete: ["pending_payment", "expired"],
  expired: ["pending_payment"],
  // Renewal: an expired or failed payment waits for a fresh invoice.
  pending_invoice: ["expired", "error"],
  error: ["pending_invoice"],
};
