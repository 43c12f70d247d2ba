import "server-only";
import { EventEmitter } from "node:events";
import type { PaymentStatus } from "@/lib/payments/payment-status";

// In-process fan-out of payment status changes to open Server-Sent Event streams. Kept on
// globalThis because Next.js may load this module once per route bundle.
const globalForEvents = globalThis as unknown as { __paymentEvents?: EventEmitter };

function bus(): EventEmitter {
  if (!globalForEvents.__paymentEvents) {
    globalForEvents.__paymentEvents = new EventEmitter();
    globalForEvents.__paymentEvents.setMaxListeners(0);
  }
  return globalForEvents.__paymentEvents;
}

export function publishPaymentStatus(paymentId: string, status: PaymentStatus) {
  bus().emit(`payment:${paymentId}`, status);
}

export function onPaymentStatus(paymentId: string, listener: (status: PaymentStatus) => void): () => void {
  const event = `payment:${paymentId}`;
  bus().on(event, listener);
  return () => bus().off(event, listener);
}
