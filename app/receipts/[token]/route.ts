import { NextResponse } from "next/server";
import { RECEIPTS_COOKIE, readReceiptGrants, readerCookieOptions, signReceiptGrants } from "@/lib/buyers/reader-cookies";
import { route } from "@/lib/http/route";
import { redeemReceipt } from "@/lib/payments/receipts";

export const dynamic = "force-dynamic";

// A private receipt link: grants this browser the purchase, then opens the article.
export const GET = route<{ token: string }>(async (request, { params }) => {
  const receipt = await redeemReceipt((await params).token);
  if (!receipt) return NextResponse.redirect(new URL("/receipts/invalid", request.url), 303);
  const grants = readReceiptGrants(request.cookies.get(RECEIPTS_COOKIE)?.value);
  const response = NextResponse.redirect(new URL(`/articles/${receipt.slug}`, request.url), 303);
  response.cookies.set(RECEIPTS_COOKIE, signReceiptGrants([...grants, receipt.paymentId]), readerCookieOptions(request.nextUrl.protocol === "https:"));
  response.headers.set("Cache-Control", "no-store");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
});
