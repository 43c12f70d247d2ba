import { NextResponse } from "next/server";
import { findReaderPayment } from "@/lib/articles/article-access";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { parsePaymentId } from "@/lib/payments/payment-id";
import { checkPayment } from "@/lib/payments/node-sync";

export const dynamic = "force-dynamic";

// "Check payment": asks the Lightning node now instead of waiting for the stream.
export const POST = route({ params: (raw) => ({ id: parsePaymentId(raw.id ?? "") }) }, async ({ params, reader }) => {
  const payment = await findReaderPayment(params.id, await reader());
  if (!payment) throw notFound("Unknown payment");
  const status = await checkPayment(payment.id);
  return NextResponse.json({ id: payment.id, status }, { headers: { "Cache-Control": "no-store" } });
});
