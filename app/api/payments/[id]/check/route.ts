import { NextResponse } from "next/server";
import { findReaderPayment } from "@/lib/articles/article-access";
import { currentReader } from "@/lib/buyers/reader";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { parsePaymentId } from "@/lib/payments/payment-id";
import { checkViewPayment } from "@/lib/payments/view-payment";

export const dynamic = "force-dynamic";

// "Check payment": asks the Lightning node now instead of waiting for the stream.
export const POST = route<{ id: string }>(async (_request, { params }) => {
  const id = parsePaymentId((await params).id);
  const payment = await findReaderPayment(id, await currentReader());
  if (!payment) throw notFound("Unknown payment");
  const status = await checkViewPayment(payment.id);
  return NextResponse.json({ id: payment.id, status }, { headers: { "Cache-Control": "no-store" } });
});
