import { NextResponse } from "next/server";
import { findReaderPayment } from "@/lib/articles/article-access";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { parsePaymentId } from "@/lib/payments/payment-id";

export const dynamic = "force-dynamic";

// Status of one of the reader's payments (the paywall's polling fallback). Never the article.
export const GET = route({ params: (raw) => ({ id: parsePaymentId(raw.id ?? "") }) }, async ({ params, reader }) => {
  const payment = await findReaderPayment(params.id, await reader());
  if (!payment) throw notFound("Unknown payment");
  return NextResponse.json(
    { id: payment.id, status: payment.status, invoiceExpiresAt: payment.invoiceExpiresAt?.toISOString() ?? null },
    { headers: { "Cache-Control": "no-store" } },
  );
});
