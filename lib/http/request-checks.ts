import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { refuseMalformedRequest } from "@/lib/http/malformed-request";
import { checkRequestHost } from "@/lib/security/request-host";
import { LOCAL_PORT_HEADER } from "@/lib/security/socket-address";

/**
 * The checks every request goes through before any page or route: a path or router state that
 * Next.js would answer with a 500, a malformed or comma-joined Host / X-Forwarded-Host /
 * X-Forwarded-Proto, and in development without SITE_URL a host the server does not listen on.
 * proxy.ts runs them for everything but uploads; route({ streamBody }) runs them for uploads,
 * which the proxy must not see (Next.js would buffer their body for it).
 */
export function refuseBadRequest(request: NextRequest): NextResponse | null {
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
  if (check.ok) return null;
  return NextResponse.json({ error: { code: "bad_host", message: check.message } }, { status: 400, headers: { "Cache-Control": "no-store" } });
}
