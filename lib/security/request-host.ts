import { localHostNames } from "@/lib/security/local-hosts";

// The Host, X-Forwarded-Host and X-Forwarded-Proto a request claims. With SITE_URL set (always
// in production) they are never used for links or checks, only refused when malformed; in
// development they name the site, so only hosts this server really listens on are accepted.
const HOST = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::(\d{1,5}))?$/i;
const MAX_HOST_LENGTH = 261;

export type HostCheck = { ok: true } | { ok: false; message: string };

type Input = { host: string | null; forwardedHost: string | null; forwardedProto: string | null; localPort: string | null; siteUrl: string | undefined };

export function checkRequestHost(input: Input): HostCheck {
  for (const [name, value] of [
    ["Host", input.host],
    ["X-Forwarded-Host", input.forwardedHost],
  ] as const) {
    if (value === null) continue;
    if (value.length > MAX_HOST_LENGTH || !HOST.test(value)) return bad(`${name} must be one host name or address, with an optional port`);
  }
  if (input.forwardedProto !== null && !/^https?$/i.test(input.forwardedProto)) return bad("X-Forwarded-Proto must be http or https");
  if (input.siteUrl) return { ok: true };
  for (const value of [input.host, input.forwardedHost]) {
    if (value !== null && !listensOn(value, input.localPort)) {
      return bad(`This development server answers only on the hosts it listens on (localhost, 127.0.0.1, [::1], this machine's addresses); set SITE_URL to serve ${value}`);
    }
  }
  return { ok: true };
}

function bad(message: string): HostCheck {
  return { ok: false, message };
}

function listensOn(host: string, localPort: string | null): boolean {
  const match = /^(.*?)(?::(\d+))?$/.exec(host.toLowerCase())!;
  const name = match[1]!;
  const port = match[2] ?? "80";
  if (localPort && port !== localPort) return false;
  return localNames().has(name);
}

let names: Set<string> | undefined;

const localNames = () => (names ??= new Set(localHostNames()));
