import { findReaderPayment } from "@/lib/articles/article-access";
import { streamedUnlock } from "@/lib/articles/unlocked-body";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { parsePaymentId } from "@/lib/payments/payment-id";
import { paymentStatusStream } from "@/lib/payments/payment-status-stream";

export const dynamic = "force-dynamic";

// Server-Sent Events: the paywall hears "complete" the moment the settlement is credited.
export const GET = route({ params: (raw) => ({ id: parsePaymentId(raw.id ?? "") }) }, async ({ request, params, reader }) => {
  const owner = await reader();
  const payment = await findReaderPayment(params.id, owner);
  if (!payment) throw notFound("Unknown payment");
  return new Response(paymentStatusStream(payment.id, request.signal, streamedUnlock(payment, owner)), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
