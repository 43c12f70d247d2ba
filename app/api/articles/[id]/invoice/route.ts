import { NextResponse } from "next/server";
import { parseArticleId } from "@/lib/articles/article-id";
import { startViewInvoice } from "@/lib/articles/view-invoice";
import { route } from "@/lib/http/route";
import { clientAddress } from "@/lib/security/client-address";

export const dynamic = "force-dynamic";

/**
 * This browser's invoice for reading a paid article (the first visit's paywall asks for it):
 * `{state: "waiting", paymentId, paymentRequest, paymentHash, expiresAt, amountSats, qrSvg,
 * verifiedEmail}`, or `{state: "paid"}`. Asking again returns the same open invoice.
 */
export const POST = route({ params: (raw) => ({ id: parseArticleId(raw.id ?? "") }) }, async ({ request, params, reader }) => {
  const invoice = await startViewInvoice(params.id, await reader(), clientAddress(request.headers));
  return NextResponse.json(invoice, { headers: { "Cache-Control": "no-store" } });
});
