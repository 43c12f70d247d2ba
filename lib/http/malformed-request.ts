import "server-only";
import { NextResponse, type NextRequest } from "next/server";
// Next's own parser for the header, so the check here is exactly the one the renderer makes.
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state";

// Requests Next.js 16 answers with a 500 before any of our code runs (found by the fuzz test,
// test/integration/fuzz-routes.test.ts):
// - a path with broken percent-encoding (`/articles/%E0%A4%A`) on a dynamic route: Next's route
//   matcher throws while decoding params (vercel/next.js#92557);
// - an RSC request whose Next-Router-State-Tree header does not parse: the page renderer
//   throws "The router state header was sent but could not be parsed".
// - a server action POST (the paywall's unlock) whose Origin is malformed, "null" or another
//   site's: Next's CSRF check answers 500 (and logs an error) instead of refusing it.
// proxy.ts runs this first for the requests that can carry any of them, and answers 400 / 403.
const ROUTER_STATE_HEADER = "next-router-state-tree";

export function refuseMalformedRequest(request: NextRequest): NextResponse | null {
  const { pathname } = request.nextUrl;
  if (pathname.includes("%") && !decodes(pathname)) return badRequest(pathname, "bad_path", "The path is not valid percent-encoding");
  const routerState = request.headers.get(ROUTER_STATE_HEADER);
  if (routerState !== null) {
    try {
      parseAndValidateFlightRouterState(routerState);
    } catch {
      return badRequest(pathname, "bad_router_state", "The Next-Router-State-Tree header is not valid");
    }
  }
  if (isForeignAction(request)) return refusal(pathname, 403, "cross_site", "Cross-site request refused");
  return null;
}

// Next's own rule (app-render/action-handler.ts): the Origin's host must be the X-Forwarded-Host
// (first value) or the Host. Any POST to a page may be taken for an action (fetch or form).
function isForeignAction(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (request.method !== "POST" || origin === null || request.nextUrl.pathname.startsWith("/api/")) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return !host || (host !== forwarded && host !== request.headers.get("host"));
}

function decodes(pathname: string): boolean {
  try {
    for (const segment of pathname.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

function badRequest(pathname: string, code: string, message: string): NextResponse {
  return refusal(pathname, 400, code, message);
}

function refusal(pathname: string, status: number, code: string, message: string): NextResponse {
  const headers = { "Cache-Control": "no-store" };
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: { code, message } }, { status, headers });
  return new NextResponse(`${status === 400 ? "Bad request" : "Refused"}: ${message}.`, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}
