import { NextResponse } from "next/server";
import { findReaderPayment } from "@/lib/articles/article-access";
import { currentReader } from "@/lib/buyers/reader";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { parsePaymentId } from "@/lib/payments/payment-id";

export const dynamic = "force-dynamic";

// Status of one of the reader's payments (the paywall's polling fallback). Never the article.
export const GET = route<{ id: string }>(async (_request, { params }) => {
  const id = parsePaymentId((await params).id);
  const payment = await findReaderPayment(id, await currentReader());
  if (!payment) throw notFound("Unknown payment");
  return NextResponse.json(
    { id: payment.id, status: payment.status, invoiceExpiresAt: payment.invoiceExpiresAt?.toISOString() ?? null },
    { headers: { "Cache-Control": "no-store" } },
  );
});
