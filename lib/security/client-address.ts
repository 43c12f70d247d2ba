import "server-only";

// The address a request came from, for rate limits. Next.js puts the socket address in
// X-Forwarded-For unless the client already sent one, so a client talking to the site directly
// can pick its own value: behind a reverse proxy that overwrites the header (the recommended
// deployment) this is the real client. Limits keyed on it are therefore paired with limits
// keyed on the browser's signed cookie and a global cap.
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const address = forwarded || headers.get("x-real-ip") || "unknown";
  return address.slice(0, 64);
}
