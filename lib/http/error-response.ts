import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { isDatabaseUnavailable } from "@/lib/db/database-unavailable";
import { isAppError } from "@/lib/errors";
import { isLightningUnavailable } from "@/lib/lightning/lightning";
import { errorMessage, log } from "@/lib/log";

// The one error shape of route(): `{ error: { code, message } }` with the error's status. An
// AppError says its own status; Lightning or the database being unreachable is a 503 (a
// temporary condition, with Retry-After where a client can wait); anything else is logged and
// answered with a generic 500 that reveals nothing.
export function errorResponse(error: unknown, request?: NextRequest): NextResponse {
  if (isAppError(error)) {
    const response = jsonError(error.status, error.code, error.message);
    // A refusal for load (invoice caps, rate limits): tell clients when to come back.
    if (error.status === 429) response.headers.set("Retry-After", "60");
    return response;
  }
  if (isLightningUnavailable(error)) {
    return jsonError(503, "lightning_unavailable", "Lightning payments are unavailable right now");
  }
  if (isDatabaseUnavailable(error)) {
    log.warn("database unavailable", { path: request?.nextUrl.pathname, reason: errorMessage(error) });
    const response = jsonError(503, "database_unavailable", "The site cannot reach its database for a moment; try again shortly");
    response.headers.set("Retry-After", "5");
    return response;
  }
  log.error("unhandled route error", { path: request?.nextUrl.pathname, reason: errorMessage(error) });
  return jsonError(500, "internal", "Something went wrong on our side");
}

export function jsonError(status: number, code: string, message: string) {
  // After a refused body the connection cannot be reused: the unread rest of the body is on it.
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (status === 413) headers.Connection = "close";
  return NextResponse.json({ error: { code, message } }, { status, headers });
}
