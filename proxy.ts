import { NextResponse, type NextRequest } from "next/server";
import { BUYER_COOKIE, FRESH_BUYER_HEADER, newBuyerId, readBuyerId, readerCookieOptions, signBuyerId } from "@/lib/buyers/reader-cookies";
import { getEnv } from "@/lib/env";
import { refuseMalformedRequest } from "@/lib/http/malformed-request";
import { checkRequestHost } from "@/lib/security/request-host";
import { LOCAL_PORT_HEADER } from "@/lib/security/socket-address";

// Paths whose pages need a buyer cookie: article pages (purchases), gift links (claimed into the
// browser by the page's form), and the pages whose sign-in challenge is bound to the browser.
const BUYER_PATHS = /^\/(?:articles(?:\/|$)|passes\/|gifts\/|signin$|account(?:\/|$)|library$)/;

// Every request: a malformed or comma-joined Host / X-Forwarded-Host / X-Forwarded-Proto is a
// 400, and a development server without SITE_URL answers only the hosts it listens on (links
// and the lncli text are built from them there). Then the buyer cookie, where pages need it.
export function proxy(request: NextRequest) {
  // Requests Next.js itself would answer with a 500 (broken percent-encoding, junk router state).
  const refused = refuseMalformedRequest(request);
  if (refused) return refused;
  const list = request.headers;
  const check = checkRequestHost({
    host: list.get("host"),
    forwardedHost: list.get("x-forwarded-host"),
    forwardedProto: list.get("x-forwarded-proto"),
    localPort: list.get(LOCAL_PORT_HEADER),
    siteUrl: getEnv().SITE_URL,
  });
  if (!check.ok) {
    return NextResponse.json({ error: { code: "bad_host", message: check.message } }, { status: 400, headers: { "Cache-Control": "no-store" } });
  }
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
  matcher: [
    // Everything but build assets, which carry no links and never reach lib/.
    "/((?!_next/static|_next/image|favicon.ico).*)",
    // Any path with percent-encoding, and any RSC request carrying router state (Next.js answers
    // malformed ones with a 500).
    "/(.*%.*)",
    { source: "/((?!_next/static|_next/image).*)", has: [{ type: "header", key: "next-router-state-tree" }] },
  ],
};
