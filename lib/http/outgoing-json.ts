import "server-only";
import { isIP } from "node:net";
import { buildKind } from "@/lib/build-kind";
import { getEnv } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";

// The site's own outgoing HTTP (resolving a payout Lightning Address): https only, no redirects,
// a timeout and a size limit, so a slow or hostile server can neither hold a worker nor fill
// memory. Plain http only to localhost/127.0.0.1, and only in a development build or with
// PAYOUT_HTTP_LOCALHOST=1 (tests). IP-literal hosts are refused otherwise (no probing of the
// site's own network through a user's address).
const TIMEOUT_MS = 5000;
const MAX_BYTES = 64 * 1024;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

const refused = (message: string) => new AppError(400, message, "outgoing_refused");

export function localHttpAllowed(): boolean {
  return buildKind() === "dev" || getEnv().PAYOUT_HTTP_LOCALHOST === "1";
}

/** Throws a 400 AppError when the site must not call this URL. */
export function checkOutgoingUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refused("Not a valid URL");
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const local = LOCAL_HOSTS.has(host);
  if (url.username || url.password) throw refused("URLs with credentials are refused");
  if (url.protocol === "http:" && local && localHttpAllowed()) return url;
  if (url.protocol !== "https:") throw refused("Only https addresses are called");
  if ((local || isIP(host) !== 0) && !(local && localHttpAllowed())) throw refused("Addresses on IP literals or localhost are refused");
  return url;
}

/** GETs JSON from an allowed URL; any failure is an AppError (400 for the URL, 502 for the server). */
export async function fetchJson(raw: string): Promise<unknown> {
  const url = checkOutgoingUrl(raw);
  let response: Response;
  try {
    response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: "application/json" } });
  } catch {
    throw new AppError(502, `${url.host} did not answer`, "outgoing_failed");
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_BYTES || !response.body) throw new AppError(502, `${url.host} sent no usable answer`, "outgoing_failed");
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BYTES) throw new AppError(502, `${url.host} sent too much`, "outgoing_failed");
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (isAppError(error)) throw error;
    throw new AppError(502, `${url.host} did not answer in time`, "outgoing_failed");
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AppError(502, `${url.host} did not answer with JSON`, "outgoing_failed");
  }
}
