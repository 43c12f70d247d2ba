import { NextResponse, type NextRequest } from "next/server";
import { BUYER_COOKIE, newBuyerId, readBuyerId, readerCookieOptions, signBuyerId } from "@/lib/buyers/reader-cookies";

// Gives each browser reading an article a signed buyer id before the page renders (server
// components cannot set cookies). No database row exists until the reader asks for an invoice.
export function proxy(request: NextRequest) {
  if (readBuyerId(request.cookies.get(BUYER_COOKIE)?.value)) return NextResponse.next();
  const signed = signBuyerId(newBuyerId());
  request.cookies.set(BUYER_COOKIE, signed);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(BUYER_COOKIE, signed, readerCookieOptions(request.nextUrl.protocol === "https:"));
  return response;
}

export const config = {
  matcher: ["/articles/:slug*"],
};
