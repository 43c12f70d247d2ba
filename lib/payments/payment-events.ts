import "server-only";
import { processBus } from "@/lib/events/process-bus";
import type { PaymentStatus } from "@/lib/payments/payment-status";

// In-process fan-out of payment status changes to open Server-Sent Event streams.
const bus = () => processBus("payment-status");

export function publishPaymentStatus(paymentId: string, status: PaymentStatus) {
  bus().emit(`payment:${paymentId}`, status);
}

export function onPaymentStatus(paymentId: string, listener: (status: PaymentStatus) => void): () => void {
  const event = `payment:${paymentId}`;
  bus().on(event, listener);
  return () => bus().off(event, listener);
}
