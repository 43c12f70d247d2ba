import { NextResponse, type NextRequest } from "next/server";
import { BUYER_COOKIE, FRESH_BUYER_HEADER, newBuyerId, readBuyerId, readerCookieOptions, signBuyerId } from "@/lib/buyers/reader-cookies";
import { refuseMalformedRequest } from "@/lib/http/malformed-request";

// Pages that need a buyer cookie (see proxy() below); the matcher also sends this proxy the
// requests that may be malformed in ways Next.js would answer with a 500.
const BUYER_PAGES = /^\/(articles(\/|$)|signin$|account(\/|$)|library$)/;

// Gives each browser reading an article a signed buyer id before the page renders (server
// components cannot set cookies). No database row exists until the reader asks for an invoice.
// A request whose cookie was minted just now is marked, so the page can hold back the invoice
// until the browser shows it keeps the cookie (clients that keep none, such as most crawlers,
// would otherwise get a new invoice on the node with every request).
export function proxy(request: NextRequest) {
  const refused = refuseMalformedRequest(request);
  if (refused) return refused;
  if (!BUYER_PAGES.test(request.nextUrl.pathname)) return NextResponse.next();
  const spoofed = request.headers.has(FRESH_BUYER_HEADER);
  if (readBuyerId(request.cookies.get(BUYER_COOKIE)?.value)) {
    if (!spoofed) return NextResponse.next();
    const headers = new Headers(request.headers);
    headers.delete(FRESH_BUYER_HEADER);
    return NextResponse.next({ request: { headers } });
  }
  const signed = signBuyerId(newBuyerId());
  request.cookies.set(BUYER_COOKIE, signed);
  const headers = new Headers(request.headers);
  headers.set(FRESH_BUYER_HEADER, "1");
  const response = NextResponse.next({ request: { headers } });
  response.cookies.set(BUYER_COOKIE, signed, readerCookieOptions(request.nextUrl.protocol === "https:"));
  return response;
}

export const config = {
  matcher: [
    // Article pages (purchases), and the pages whose sign-in challenge is bound to the browser.
    "/articles/:slug*",
    "/signin",
    "/account/:path*",
    "/library",
    // Any path with percent-encoding, and any RSC request carrying router state.
    "/(.*%.*)",
    { source: "/((?!_next/static|_next/image).*)", has: [{ type: "header", key: "next-router-state-tree" }] },
  ],
};
