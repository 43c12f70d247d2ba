import { afterEach, describe, expect, it } from "vitest";
import { readerCookieOptions } from "@/lib/buyers/reader-cookies";
import { resetEnvForTests } from "@/lib/env";

const original = process.env.SITE_URL;
afterEach(() => {
  if (original === undefined) delete process.env.SITE_URL;
  else process.env.SITE_URL = original;
  resetEnvForTests();
});

function withSiteUrl(value: string | undefined) {
  if (value === undefined) delete process.env.SITE_URL;
  else process.env.SITE_URL = value;
  resetEnvForTests();
}

describe("reader cookies' Secure flag", () => {
  it("follows an https SITE_URL even when the request reached us as http (TLS ended at the proxy)", () => {
    withSiteUrl("https://press.example");
    expect(readerCookieOptions(false).secure).toBe(true);
  });

  it("stays off for an http SITE_URL, and follows the request without one", () => {
    withSiteUrl("http://127.0.0.1:3000");
    expect(readerCookieOptions(true).secure).toBe(false);
    withSiteUrl(undefined);
    expect(readerCookieOptions(true).secure).toBe(true);
    expect(readerCookieOptions(false).secure).toBe(false);
  });
});
