import { NextResponse, type NextRequest } from "next/server";
import { BUYER_COOKIE, FRESH_BUYER_HEADER, newBuyerId, readBuyerId, readerCookieOptions, signBuyerId } from "@/lib/buyers/reader-cookies";
import { refuseMalformedAction } from "@/lib/http/action-request";
import { refuseBadRequest } from "@/lib/http/request-checks";

// Paths whose pages need a buyer cookie: article and file pages (purchases), gift links (claimed
// into the browser by the page's form), and the pages whose sign-in challenge is bound to the browser.
const BUYER_PATHS = /^\/(?:articles(?:\/|$)|passes\/|files\/|gifts\/|signin$|account(?:\/|$)|library$)/;

// Every request: a malformed or comma-joined Host / X-Forwarded-Host / X-Forwarded-Proto is a
// 400, and a development server without SITE_URL answers only the hosts it listens on (links
// and the lncli text are built from them there). Then the buyer cookie, where pages need it.
export async function proxy(request: NextRequest) {
  // Requests Next.js itself would answer with a 500 (broken percent-encoding, junk router state,
  // malformed or cross-site server action POSTs), bad hosts.
  const refused = refuseBadRequest(request) ?? (await refuseMalformedAction(request));
  if (refused) return refused;
  if (!BUYER_PATHS.test(request.nextUrl.pathname)) return NextResponse.next();
  return withBuyerCookie(request);
}

// Gives each browser reading an article a signed buyer id before the page renders (server
// components cannot set cookies). No database row exists until the reader asks for an invoice.
// A request whose cookie was minted just now is marked, so the page can hold back the invoice
// until the browser shows it keeps the cookie (clients that keep none, such as most crawlers,
// would otherwise get a new invoice on the node with every request).
function withBuyerCookie(request: NextRequest) {
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
  // Uploads (/api/uploads) are left out: for a request the proxy sees, Next.js copies the whole
  // body into memory (and cuts it at proxyClientMaxBodySize). Their route runs the same checks
  // itself (route({ streamBody: true }), lib/http/request-checks.ts). Paths with percent-encoding
  // still come here (Next.js answers broken ones with a 500 before any route runs); no upload
  // path has one, and the upload route refuses them.
  matcher: [
    // Everything but build assets, which carry no links and never reach lib/.
    "/((?!_next/static|_next/image|favicon.ico|api/uploads).*)",
    // Any path with percent-encoding, and any RSC request carrying router state (Next.js answers
    // malformed ones with a 500).
    "/(.*%.*)",
    { source: "/((?!_next/static|_next/image|api/uploads).*)", has: [{ type: "header", key: "next-router-state-tree" }] },
    // Any request naming a server action (favicon.ico too: Next.js looks the id up there as well).
    { source: "/((?!_next/static|_next/image|api/uploads).*)", has: [{ type: "header", key: "next-action" }] },
  ],
};
