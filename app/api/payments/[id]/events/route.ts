import { findReaderPayment } from "@/lib/articles/article-access";
import { currentReader } from "@/lib/buyers/reader";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { parsePaymentId } from "@/lib/payments/payment-id";
import { paymentStatusStream } from "@/lib/payments/payment-status-stream";

export const dynamic = "force-dynamic";

// Server-Sent Events: the paywall hears "complete" the moment the settlement is credited.
export const GET = route<{ id: string }>(async (request, { params }) => {
  const id = parsePaymentId((await params).id);
  const payment = await findReaderPayment(id, await currentReader());
  if (!payment) throw notFound("Unknown payment");
  return new Response(paymentStatusStream(payment.id, request.signal), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
