import "server-only";
import { NextRequest } from "next/server";
import { isAppError } from "@/lib/errors";
import { jsonError, readLimitedBytes } from "@/lib/http/route";

// next-auth's route handlers read their own bodies and judge their own input; two gaps are closed
// here, before they run: a body of any size would be read in full (its POST routes take a small
// form: CSRF token, k1, callback URL), and a callback URL that is not an http(s) URL, in the query
// or in its cookie, makes Auth.js answer 500 "server configuration" to what is a client mistake.
export const MAX_AUTH_BODY_BYTES = 8 * 1024;
const CALLBACK_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"];

type AuthHandler = (request: NextRequest) => Promise<Response>;

export function guardAuthRequest(handler: AuthHandler): AuthHandler {
  return async (request) => {
    const origin = request.nextUrl.origin;
    const callbackUrls = [request.nextUrl.searchParams.get("callbackUrl"), ...CALLBACK_COOKIES.map((name) => request.cookies.get(name)?.value)];
    if (callbackUrls.some((value) => value != null && !isHttpUrl(value, origin))) {
      return jsonError(400, "invalid_callback_url", "callbackUrl must be a path on this site or an http(s) URL");
    }
    if (Number(request.headers.get("content-length") ?? "0") > MAX_AUTH_BODY_BYTES) return tooLarge();
    if (!request.body) return handler(request);
    let body: Buffer;
    try {
      body = await readLimitedBytes(request, MAX_AUTH_BODY_BYTES);
    } catch (error) {
      if (isAppError(error)) return jsonError(error.status, error.code, error.message);
      throw error;
    }
    return handler(new NextRequest(request.url, { method: request.method, headers: request.headers, body: new Uint8Array(body) }));
  };
}

const tooLarge = () => jsonError(413, "payload_too_large", `Body too large (limit ${MAX_AUTH_BODY_BYTES} bytes)`);

// Auth.js's own test (isValidHttpUrl): a relative path resolves against the site.
function isHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}
