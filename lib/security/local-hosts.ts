import { networkInterfaces } from "node:os";

// The names this machine answers to: loopback and every interface address, IPv6 in brackets as
// a Host header or a browser's origin carries it. Used by next.config.ts (the dev server's
// allowed origins) and lib/security/request-host.ts (the hosts a dev server serves), so it
// imports nothing from the app.
export function localHostNames(): string[] {
  const names = new Set(["localhost", "127.0.0.1", "[::1]"]);
  for (const list of Object.values(networkInterfaces())) {
    for (const { address, family } of list ?? []) names.add(family === "IPv6" ? `[${address.toLowerCase()}]` : address);
  }
  return [...names];
}
