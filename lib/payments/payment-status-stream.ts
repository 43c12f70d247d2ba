import "server-only";
import { db } from "@/lib/db/client";
import { onPaymentStatus } from "@/lib/payments/payment-events";
import type { PaymentStatus } from "@/lib/payments/payment-status";

const HEARTBEAT_MS = 15_000;
// Safety net should the in-process event be missed (e.g. a settlement credited by another process).
const RECHECK_MS = 5_000;
const FINAL: readonly PaymentStatus[] = ["complete", "expired"];

/** An SSE body that sends the payment's status now and on every change, and ends on a final one. */
export function paymentStatusStream(paymentId: string, signal: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let last: string | undefined;
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      const send = (status: string) => {
        if (closed || status === last) return;
        last = status;
        controller.enqueue(encoder.encode(`event: status\ndata: ${JSON.stringify({ status })}\n\n`));
        if ((FINAL as readonly string[]).includes(status)) close();
      };
      const readStatus = async () => {
        const payment = await db().payment.findUnique({ where: { id: paymentId }, select: { status: true } });
        if (payment) send(payment.status);
      };
      // Subscribe before the first read so a change in between is not lost.
      const unsubscribe = onPaymentStatus(paymentId, send);
      const heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(": ping\n\n")), HEARTBEAT_MS);
      const recheck = setInterval(() => void readStatus().catch(() => {}), RECHECK_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
        clearInterval(recheck);
        signal.removeEventListener("abort", close);
      };
      signal.addEventListener("abort", close);
      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      void readStatus().catch(close);
    },
    cancel() {
      cleanup();
    },
  });
}
