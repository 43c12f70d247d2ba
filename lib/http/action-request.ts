import "server-only";
import { NextResponse, type NextRequest } from "next/server";

// The site has one server action (lib/articles/unlock-action.tsx), and with any action at all
// Next.js treats POSTs to every page as possible actions, answering several malformed ones with
// a 500 and a logged stack trace (found by test/integration/fuzz-routes.test.ts):
// - an Origin that is malformed, "null" or another site's (its CSRF check);
// - a multipart body (decoded as a form action; this site has none);
// - a Next-Action id of the wrong shape, or a body its decoder rejects.
// proxy.ts refuses those first, with 400 / 403. Action arguments here are plain strings (payment
// ids): React encodes such a call as a JSON array of strings, and a leading "$" would be one of
// its reference tags.
const ACTION_ID = /^[0-9a-f]{42}$/; // Next's server reference ids: 42 hex characters
const MAX_ARGS = 4;
const MAX_ARG_LENGTH = 256;

export async function refuseMalformedAction(request: NextRequest): Promise<NextResponse | null> {
  const action = request.headers.get("next-action");
  // Next.js looks a Next-Action id up on any method and path (favicon.ico too), and logs a stack
  // trace for a malformed one.
  if (action !== null && !ACTION_ID.test(action)) return refuse(400, "Malformed action request");
  if (request.method !== "POST") return null;
  // API routes check their own origin. But a path under /api/ that names no route (or one that
  // resolves elsewhere, /api/x/%2e%2e/y) is answered by the not-found *page*, where Next.js
  // decodes a multipart body as a form action: so no path takes multipart (no route here does).
  const api = request.nextUrl.pathname.startsWith("/api/");
  if (!api && isForeignOrigin(request)) return refuse(403, "Cross-site request refused");
  const type = request.headers.get("content-type")?.toLowerCase() ?? "";
  if (type.startsWith("multipart/form-data")) return refuse(400, "This site takes no form posts");
  if (action === null) return null;
  if (!type.startsWith("text/plain")) return refuse(400, "Malformed action request");
  return plainStringArgs(await request.clone().text()) ? null : refuse(400, "Malformed action arguments");
}

// Next's own rule (app-render/action-handler): the Origin's host must be the X-Forwarded-Host
// (first value) or the Host. No Origin (not a browser) passes, as there.
function isForeignOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return true;
  }
  const forwarded = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  return !host || (host !== forwarded && host !== request.headers.get("host"));
}

function plainStringArgs(body: string): boolean {
  let args: unknown;
  try {
    args = JSON.parse(body);
  } catch {
    return false;
  }
  return Array.isArray(args) && args.length <= MAX_ARGS && args.every((arg) => typeof arg === "string" && arg.length <= MAX_ARG_LENGTH && !arg.startsWith("$"));
}

function refuse(status: number, message: string): NextResponse {
  return new NextResponse(`${status === 403 ? "Refused" : "Bad request"}: ${message}.`, {
    status,
    headers: { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" },
  });
}
