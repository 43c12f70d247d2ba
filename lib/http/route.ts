import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { errorMessage, log } from "@/lib/log";
import { isLightningUnavailable } from "@/lib/lightning/lightning";

type Context<P> = { params: Promise<P> };
type Handler<P> = (request: NextRequest, context: Context<P>) => Promise<Response>;

const MAX_JSON_BYTES = 16 * 1024;

/**
 * Wraps every route handler: cross-site mutation check, and one error shape
 * `{ error: { code, message } }` with the error's status. Unexpected errors are logged and
 * answered with a generic 500 that reveals nothing.
 */
export function route<P = Record<string, never>>(handler: Handler<P>): Handler<P> {
  return async (request, context) => {
    try {
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error, request);
    }
  };
}

function errorResponse(error: unknown, request?: NextRequest): NextResponse {
  if (isAppError(error)) {
    const response = jsonError(error.status, error.code, error.message);
    // A refusal for load (invoice caps, rate limits): tell clients when to come back.
    if (error.status === 429) response.headers.set("Retry-After", "60");
    return response;
  }
  if (isLightningUnavailable(error)) {
    return jsonError(503, "lightning_unavailable", "Lightning payments are unavailable right now");
  }
  log.error("unhandled route error", { path: request?.nextUrl.pathname, reason: errorMessage(error) });
  return jsonError(500, "internal", "Something went wrong on our side");
}

function jsonError(status: number, code: string, message: string) {
  return NextResponse.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * Reads a JSON body of bounded size and validates it; every failure is a clear 4xx. maxBytes
 * raises the limit for the few bodies that carry long text (an article's Markdown).
 */
export async function readJson<S extends z.ZodType>(request: NextRequest, schema: S, { maxBytes = MAX_JSON_BYTES } = {}): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError(415, "Send the body as JSON (Content-Type: application/json)", "unsupported_media_type");
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError(413, `Body too large (limit ${maxBytes} bytes)`, "payload_too_large");
  const text = await readLimited(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError(400, "Body is not valid JSON", "invalid_json");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    throw new AppError(400, `${where}${first?.message ?? "invalid body"}`, "invalid_body");
  }
  return parsed.data;
}

async function readLimited(request: NextRequest, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError(413, `Body too large (limit ${limit} bytes)`, "payload_too_large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// Browsers send Origin on cross-site POSTs; a mismatch with our host is a forged request.
function assertSameOrigin(request: NextRequest) {
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError(403, "Cross-site request refused", "cross_site");
  }
  if (originHost !== host) throw new AppError(403, "Cross-site request refused", "cross_site");
}
