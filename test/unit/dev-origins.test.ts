import { networkInterfaces } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import config, { devOrigins } from "@/next.config";

// Which hosts `next dev` serves its scripts to (next.config.ts allowedDevOrigins).
const siteUrl = process.env.SITE_URL;
afterEach(() => {
  if (siteUrl === undefined) delete process.env.SITE_URL;
  else process.env.SITE_URL = siteUrl;
});

describe("allowed dev origins", () => {
  it("trust the loopback names and every address of this machine, IPv6 in brackets as browsers send it", () => {
    delete process.env.SITE_URL;
    const origins = devOrigins();
    expect(origins).toEqual(expect.arrayContaining(["localhost", "127.0.0.1", "[::1]"]));
    for (const { address, family } of Object.values(networkInterfaces()).flatMap((list) => list ?? [])) {
      expect(origins).toContain(family === "IPv6" ? `[${address}]` : address);
    }
  });

  it("trust SITE_URL's host, and ignore a malformed SITE_URL (lib/env.ts reports it)", () => {
    process.env.SITE_URL = "https://Press.Example:8443/base";
    expect(devOrigins()).toContain("press.example");
    process.env.SITE_URL = "not a url";
    expect(() => devOrigins()).not.toThrow();
  });

  it("apply to the development server only", () => {
    expect(config("phase-development-server").allowedDevOrigins).toContain("127.0.0.1");
    expect(config("phase-production-build").allowedDevOrigins).toBeUndefined();
    expect(config("phase-production-server").distDir).toBeUndefined();
  });
});
