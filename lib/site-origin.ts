import "server-only";
import { headers } from "next/headers";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { checkRequestHost } from "@/lib/security/request-host";
import { LOCAL_PORT_HEADER } from "@/lib/security/socket-address";

/**
 * The site's public origin: SITE_URL (required in production). In development without it, the
 * host this request was sent to, accepted only when the server listens there (proxy.ts refuses
 * others with a 400 first; this check repeats it for routes the proxy does not match).
 */
export function originFor(list: Headers): string {
  const configured = getEnv().SITE_URL;
  if (configured) return new URL(configured).origin;
  const forwardedHost = list.get("x-forwarded-host");
  const forwardedProto = list.get("x-forwarded-proto");
  const host = list.get("host");
  const check = checkRequestHost({ host, forwardedHost, forwardedProto, localPort: list.get(LOCAL_PORT_HEADER), siteUrl: undefined });
  if (!check.ok) throw new AppError(400, check.message, "bad_host");
  return `${forwardedProto?.toLowerCase() === "https" ? "https" : "http"}://${forwardedHost ?? host ?? "localhost"}`;
}

export async function siteOrigin(): Promise<string> {
  return originFor(await headers());
}

/**
 * The origin for links made outside any request (a receipt queued when a payment settles):
 * SITE_URL; in development without it, the local server `npm run dev` opens.
 */
export function backgroundOrigin(): string {
  const configured = getEnv().SITE_URL;
  return configured ? new URL(configured).origin : `http://localhost:${process.env.PORT ?? "3000"}`;
}

/** True when sessions use the https-only cookie name (SITE_URL's scheme, or this request's). */
export function secureSite(list: Headers): boolean {
  return originFor(list).startsWith("https:");
}
