import { networkInterfaces } from "node:os";
import { describe, expect, it } from "vitest";
import { checkRequestHost } from "@/lib/security/request-host";

const input = { host: null, forwardedHost: null, forwardedProto: null, localPort: "3000", siteUrl: undefined } as const;
const ok = (overrides: Partial<Parameters<typeof checkRequestHost>[0]>) => checkRequestHost({ ...input, ...overrides }).ok;

describe("request host checks", () => {
  it("refuses malformed, oversize and comma-joined Host / X-Forwarded-Host / X-Forwarded-Proto, with SITE_URL too", () => {
    const siteUrl = "https://press.example";
    expect(ok({ siteUrl, host: "anything.example:8080", forwardedHost: "proxy.internal", forwardedProto: "https" })).toBe(true);
    for (const bad of [
      { forwardedHost: "a.example, b.example" },
      { host: "a.example,b.example" },
      { forwardedHost: "bad host" },
      { forwardedHost: "evil.example/path" },
      { forwardedHost: "user@evil.example" },
      { forwardedHost: `${"a".repeat(300)}.example` },
      { forwardedProto: "https, http" },
      { forwardedProto: "ftp" },
    ]) {
      expect(ok({ siteUrl, ...bad }), JSON.stringify(bad)).toBe(false);
    }
  });

  it("in development without SITE_URL, accepts only hosts the server listens on, on its port", () => {
    expect(ok({ host: "localhost:3000" })).toBe(true);
    expect(ok({ host: "127.0.0.1:3000" })).toBe(true);
    expect(ok({ host: "[::1]:3000" })).toBe(true);
    const lan = Object.values(networkInterfaces()).flat().find((entry) => entry?.family === "IPv4");
    if (lan) expect(ok({ host: `${lan.address}:3000` })).toBe(true);
    expect(ok({ host: "evil.example:3000" })).toBe(false);
    expect(ok({ host: "localhost:4000" })).toBe(false);
    expect(ok({ host: "localhost" })).toBe(false);
    expect(ok({ host: "localhost:3000", forwardedHost: "evil.example" })).toBe(false);
  });
});
