import http from "node:http";
import https from "node:https";

// Next.js fills X-Forwarded-For with the socket address only when the client sent none, so a
// client talking to the server directly can choose its own "address". Before Next.js sees a
// request we stamp the real socket address (and the local port it arrived on) into private
// headers, replacing any copy the client sent; lib/security/client-address.ts reads them.
export const SOCKET_ADDRESS_HEADER = "x-lp-socket-address";
export const LOCAL_PORT_HEADER = "x-lp-local-port";

const STAMPED = Symbol.for("lightning-press.socket-address-stamp");

/** Called once from instrumentation.ts; covers every HTTP(S) server in the process. */
export function stampSocketAddresses() {
  for (const prototype of [http.Server.prototype, https.Server.prototype] as unknown as Array<Record<PropertyKey, unknown>>) {
    if (prototype[STAMPED]) continue;
    const emit = prototype.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") stamp(args[0] as http.IncomingMessage);
      return emit.call(this, event, ...args);
    };
    prototype[STAMPED] = true;
  }
}

function stamp(request: http.IncomingMessage) {
  request.headers[SOCKET_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
  request.headers[LOCAL_PORT_HEADER] = String(request.socket?.localPort ?? "");
}
