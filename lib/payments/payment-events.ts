import "server-only";
import { eventBus } from "@/lib/events/event-bus";
import type { PaymentStatus } from "@/lib/payments/payment-status";

// Payment status changes, fanned out to open Server-Sent Event streams.
const topic = (paymentId: string) => `payment-status:${paymentId}`;

export function publishPaymentStatus(paymentId: string, status: PaymentStatus) {
  eventBus().publish(topic(paymentId), status);
}

export function onPaymentStatus(paymentId: string, listener: (status: PaymentStatus) => void): () => void {
  return eventBus().subscribe(topic(paymentId), (message) => listener(message as PaymentStatus));
}
