import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { requireAdmin, requireAuthor, requireUser, type SignedInUser } from "@/lib/auth/current-user";
import { currentReader, type Reader } from "@/lib/buyers/reader";
import { originFor } from "@/lib/site-origin";
import { refuseBadRequest } from "@/lib/http/request-checks";
import { drainBody } from "@/lib/http/drain-body";
import { errorResponse, jsonError } from "@/lib/http/error-response";

export { jsonError };

const MAX_BODY_BYTES = 16 * 1024;
// How long a refused upload's remaining bytes are read away before the refusal (lib/http/drain-body.ts).
const UPLOAD_DRAIN_MS = 2000;

// Bodies read (within the route's limit) before the handler runs, for readJson.
const bodies = new WeakMap<Request, string>();

type NextContext = { params: Promise<Record<string, string | string[]>> };
type NextHandler = (request: NextRequest, context: NextContext) => Promise<Response>;

/** Who may call a route; the wrapper resolves (and requires) the signed-in user for all but "anyone". */
export type Access = "anyone" | "user" | "author" | "admin";

/**
 * What every handler gets: the request, its parsed params, the reader (cookies) and, for routes
 * that require one, the signed-in user, all resolved before the handler runs.
 */
export type RouteContext<P, A extends Access> = {
  request: NextRequest;
  params: P;
  /** The browser's reader identity (buyer cookie, receipts, session), read once per request. */
  reader: () => Promise<Reader>;
  /** The JSON body (already read and size-checked), validated with the schema: a clear 4xx otherwise. */
  json: <S extends z.ZodType>(schema: S) => Promise<z.infer<S>>;
} & (A extends "anyone" ? Record<never, never> : { user: SignedInUser });

type Options<P, A extends Access> = {
  access?: A;
  /** Parses (and validates) the path's params; a malformed one throws its own 4xx. */
  params?: (raw: Record<string, string>) => P;
  maxBodyBytes?: number;
  /**
   * Uploads: the wrapper neither reads nor buffers the body; the handler streams request.body
   * itself (and enforces its own limit). Such routes are outside proxy.ts's matcher, so the
   * proxy's request checks run here instead.
   */
  streamBody?: boolean;
};

const requireFor = { user: requireUser, author: requireAuthor, admin: requireAdmin } as const;

/**
 * Wraps every route handler: cross-site mutation check, a size limit on every request body
 * (413, also for handlers that never read it: it is read here, so a chunked body cannot run on),
 * the caller's access (401/403), the params, and one error shape `{ error: { code, message } }`
 * with the error's status. Unexpected errors are logged and answered with a generic 500 that
 * reveals nothing. maxBodyBytes raises the limit for the few bodies that carry long text (an
 * article's Markdown).
 */
export function route(handler: (context: RouteContext<Record<string, string>, "anyone">) => Promise<Response>): NextHandler;
export function route<P = Record<string, string>, A extends Access = "anyone">(options: Options<P, A>, handler: (context: RouteContext<P, A>) => Promise<Response>): NextHandler;
export function route<P, A extends Access>(
  first: Options<P, A> | ((context: RouteContext<P, A>) => Promise<Response>),
  second?: (context: RouteContext<P, A>) => Promise<Response>,
): NextHandler {
  // Options come first so that TypeScript infers the params' type from their parser.
  const [options, handler] = typeof first === "function" ? [{} as Options<P, A>, first] : [first, second!];
  const { access, params: parseParams, maxBodyBytes = MAX_BODY_BYTES, streamBody = false } = options;
  return async (request, context) => {
    try {
      if (streamBody) {
        const refused = refuseBadRequest(request);
        if (refused) return refused;
        // Such a path went through the proxy, which buffered and may have cut the body; no upload path has one.
        if (request.nextUrl.pathname.includes("%")) throw new AppError(400, "Upload paths take no percent-encoding", "bad_path");
      }
      if (request.method !== "GET" && request.method !== "HEAD") assertSameOrigin(request);
      if (!streamBody) await readBody(request, maxBodyBytes);
      const user = access && access !== "anyone" ? await requireFor[access as Exclude<Access, "anyone">]() : undefined;
      const raw = Object.fromEntries(Object.entries((await context.params) ?? {}).map(([key, value]) => [key, Array.isArray(value) ? value.join("/") : value]));
      let reader: Promise<Reader> | undefined;
      const routeContext = {
        request,
        params: parseParams ? parseParams(raw) : raw,
        reader: () => (reader ??= currentReader()),
        json: <S extends z.ZodType>(schema: S) => readJson(request, schema),
        ...(user ? { user } : {}),
      } as RouteContext<P, A>;
      return await handler(routeContext);
    } catch (error) {
      const response = errorResponse(error, request);
      if (streamBody) {
        // An upload refused before its body was read whole: the rest must not be read as a next
        // request, and must be read away first so that closing does not reset the refusal away.
        await drainBody(request, UPLOAD_DRAIN_MS);
        response.headers.set("Connection", "close");
      }
      return response;
    }
  };
}

/** Parses the request's JSON body (read and size-checked by route()) and validates it; every failure is a clear 4xx. */
async function readJson<S extends z.ZodType>(request: NextRequest, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError(415, "Send the body as JSON (Content-Type: application/json)", "unsupported_media_type");
  }
  const text = bodies.get(request) ?? (await readLimited(request, MAX_BODY_BYTES));
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

const tooLarge = (limit: number) => new AppError(413, `Body too large (limit ${limit} bytes)`, "payload_too_large");

async function readBody(request: NextRequest, limit: number) {
  // A declared length over the limit is refused before reading a byte.
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  if (request.body) bodies.set(request, await readLimited(request, limit));
}

async function readLimited(request: Request, limit: number): Promise<string> {
  return (await readLimitedBytes(request, limit)).toString("utf8");
}

/** The request's body, or a 413 AppError as soon as it passes `limit` bytes. */
export async function readLimitedBytes(request: Request, limit: number): Promise<Buffer> {
  if (!request.body || request.bodyUsed) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Not cancel(): that resets the connection before the 413 is written. The response closes
      // the connection instead (Connection: close), so the rest is never read.
      reader.releaseLock();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

// Browsers send Origin on cross-site POSTs; anything but the site's own origin (SITE_URL, or
// in development the host the server listens on) is a forged request.
function assertSameOrigin(request: NextRequest) {
  const origin = request.headers.get("origin");
  if (!origin) return;
  let sent: string;
  try {
    sent = new URL(origin).origin;
  } catch {
    throw new AppError(403, "Cross-site request refused", "cross_site");
  }
  if (sent !== originFor(request.headers)) throw new AppError(403, "Cross-site request refused", "cross_site");
}
