import "server-only";
import { getEnv } from "@/lib/env";
import { addressList, inList, parseAddress, rateLimitKey } from "@/lib/security/ip-address";
import { SOCKET_ADDRESS_HEADER } from "@/lib/security/socket-address";

// The client a request came from, for rate limits. The starting point is the socket address
// (stamped by instrumentation.ts; a client cannot forge it). Only when that socket is one of
// TRUSTED_PROXIES do we believe X-Forwarded-For, walking it from the right and skipping further
// trusted proxies: the first address no proxy of ours vouches for is the client. Without
// TRUSTED_PROXIES, X-Forwarded-For is ignored.
let trusted: { entries: string[]; list: ReturnType<typeof addressList> } | undefined;

function trustedProxies() {
  const entries = getEnv().TRUSTED_PROXIES;
  if (trusted?.entries !== entries) trusted = { entries, list: addressList(entries) };
  return trusted.list;
}

/** The client's address (IPv6 as its /64), or "unknown" when the socket address is missing. */
export function clientAddress(headers: Headers): string {
  let address = parseAddress(headers.get(SOCKET_ADDRESS_HEADER));
  if (!address) return "unknown";
  if (getEnv().TRUSTED_PROXIES.length > 0) {
    const list = trustedProxies();
    const hops = (headers.get("x-forwarded-for") ?? "").split(",");
    while (inList(list, address) && hops.length > 0) {
      const next = parseAddress(hops.pop());
      // A garbled entry ends the walk: we cannot say who stands behind it.
      if (!next) break;
      address = next;
    }
  }
  return rateLimitKey(address);
}
