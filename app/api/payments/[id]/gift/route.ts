import { NextResponse } from "next/server";
import { giftOfPayment } from "@/lib/gifts/gifts";
import { route } from "@/lib/http/route";
import { parsePaymentId } from "@/lib/payments/payment-id";
import { originFor } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

// The gift bought with one of this browser's (or account's) payments: its claim link and whether
// it was claimed. Only for the giver; 404 for anyone else and before the payment completes.
export const GET = route({ params: (raw) => ({ id: parsePaymentId(raw.id ?? "") }) }, async ({ request, params, reader }) => {
  const gift = await giftOfPayment(params.id, await reader(), originFor(request.headers));
  return NextResponse.json(gift, { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
});
