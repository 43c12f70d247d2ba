import http from "node:http";

// Next.js drops Content-Length from route handlers' responses (send-response.ts forwards no
// framing headers), so a streamed download would go out chunked: no progress bar, no size for
// a download manager to resume against. A handler that knows the exact length of its body
// declares it in this private header; just before the head is written the hook below turns it
// into Content-Length (and removes it). Node then frames the body by that length.
export const DECLARED_LENGTH_HEADER = "x-lp-content-length";

const PATCHED = Symbol.for("lightning-press.declared-length");

/** Called once from instrumentation.ts; covers every response of the process. */
export function restoreDeclaredLengths() {
  const prototype = http.ServerResponse.prototype as unknown as Record<PropertyKey, unknown>;
  if (prototype[PATCHED]) return;
  const writeHead = prototype.writeHead as (this: http.ServerResponse, ...args: unknown[]) => http.ServerResponse;
  prototype.writeHead = function (this: http.ServerResponse, ...args: unknown[]) {
    const declared = this.getHeader(DECLARED_LENGTH_HEADER);
    if (declared !== undefined) {
      this.removeHeader(DECLARED_LENGTH_HEADER);
      if (/^\d{1,15}$/.test(String(declared))) this.setHeader("content-length", String(declared));
    }
    return writeHead.apply(this, args);
  };
  prototype[PATCHED] = true;
}
