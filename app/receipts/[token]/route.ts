import { NextResponse } from "next/server";
import { RECEIPTS_COOKIE, readReceiptGrants, readerCookieOptions, signReceiptGrants } from "@/lib/buyers/reader-cookies";
import { route } from "@/lib/http/route";
import { redeemReceipt } from "@/lib/access/receipts";

export const dynamic = "force-dynamic";

// Relative Location: the browser stays on the host it used (request.url may name another one
// behind a proxy, and the cookie must land where the article is read).
function seeOther(location: string) {
  return new NextResponse(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
}

// A private receipt link: grants this browser the purchase, then opens the article (a pass: the
// library, which lists it with its end).
export const GET = route(async ({ request, params }) => {
  const receipt = await redeemReceipt(params.token ?? "");
  if (!receipt) return seeOther("/receipts/invalid");
  const grants = readReceiptGrants(request.cookies.get(RECEIPTS_COOKIE)?.value);
  const response = seeOther(receipt.slug ? `/articles/${receipt.slug}` : "/library");
  response.cookies.set(RECEIPTS_COOKIE, signReceiptGrants([...grants, receipt.paymentId]), readerCookieOptions(request.nextUrl.protocol === "https:"));
  return response;
});
