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
// proxy.ts runs this first for the requests that can carry either, and answers 400.
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
  return null;
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
  const headers = { "Cache-Control": "no-store" };
  if (pathname.startsWith("/api/")) return NextResponse.json({ error: { code, message } }, { status: 400, headers });
  return new NextResponse(`Bad request: ${message}.`, { status: 400, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}
