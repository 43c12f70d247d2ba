import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { lightningNameSchema, parseLightningName } from "@/lib/tips/lightning-name";
import { parseTipRequest } from "@/lib/tips/lnurl-pay";
import { articleTipMetadata, tipMetadata } from "@/lib/tips/tip-metadata";
import { describeTipShares } from "@/lib/tips/tip-shares-words";

const query = (params: Record<string, string>) => new URLSearchParams(params);
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as { status: number; code: string; message: string };
  }
  throw new Error("expected a refusal");
};

afterEach(() => {
  delete process.env.TIP_COMMENT_MAX;
  delete process.env.TIP_MIN_SATS;
  resetEnvForTests();
});

describe("Lightning Address names (LUD-16)", () => {
  it("takes a-z 0-9 - _ . up to 64 characters, lower-casing what the author typed", () => {
    expect(lightningNameSchema.parse(" Satoshi ")).toBe("satoshi");
    expect(lightningNameSchema.parse("a.b_c-9")).toBe("a.b_c-9");
    expect(lightningNameSchema.parse("x".repeat(64))).toBe("x".repeat(64));
  });

  it("refuses malformed and reserved names", () => {
    for (const bad of ["", "x".repeat(65), "has space", "émile", "a@b", "a/b", "<b>", ".lead", "trail.", "a..b", "admin", "ROOT", "www", "api", "lnurlp", "site", "articles"]) {
      expect(lightningNameSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("reads names from a path case-insensitively and refuses anything else", () => {
    expect(parseLightningName("Satoshi")).toBe("satoshi");
    expect(parseLightningName("../etc")).toBeNull();
    expect(parseLightningName("")).toBeNull();
  });
});

describe("the LNURL-pay callback's query", () => {
  it("takes msats in range, in whole sats, and a comment up to TIP_COMMENT_MAX", () => {
    expect(parseTipRequest(query({ amount: "21000" }))).toEqual({ amountMsats: 21_000 });
    expect(parseTipRequest(query({ amount: "1000", comment: "Thanks!" }))).toEqual({ amountMsats: 1000, comment: "Thanks!" });
    expect(parseTipRequest(query({ amount: "1000000000", comment: "é".repeat(280) }))).toEqual({ amountMsats: 1_000_000_000, comment: "é".repeat(280) });
  });

  it("refuses a missing or malformed amount, out of range, fractional sats and long comments, each with its own code", () => {
    expect(refusal(() => parseTipRequest(query({})))).toMatchObject({ status: 400, code: "invalid_amount" });
    expect(refusal(() => parseTipRequest(query({ amount: "-1000" })))).toMatchObject({ status: 400, code: "invalid_amount" });
    expect(refusal(() => parseTipRequest(query({ amount: "1e6" })))).toMatchObject({ status: 400, code: "invalid_amount" });
    expect(refusal(() => parseTipRequest(query({ amount: "999" })))).toMatchObject({ status: 400, code: "amount_out_of_range" });
    expect(refusal(() => parseTipRequest(query({ amount: "1000001000" })))).toMatchObject({ status: 400, code: "amount_out_of_range" });
    expect(refusal(() => parseTipRequest(query({ amount: "1500" })))).toMatchObject({ status: 400, code: "fractional_sats", message: expect.stringMatching(/whole number of sats/) });
    expect(refusal(() => parseTipRequest(query({ amount: "1000", comment: "x".repeat(281) })))).toMatchObject({ status: 400, code: "comment_too_long" });
  });

  it("follows the settings", () => {
    process.env.TIP_COMMENT_MAX = "0";
    process.env.TIP_MIN_SATS = "10";
    resetEnvForTests();
    expect(refusal(() => parseTipRequest(query({ amount: "9000" })))).toMatchObject({ code: "amount_out_of_range" });
    expect(refusal(() => parseTipRequest(query({ amount: "10000", comment: "hi" })))).toMatchObject({ code: "comment_too_long", message: expect.stringMatching(/no comments/) });
  });
});

describe("the metadata", () => {
  it("is the JSON array of text/plain and text/identifier, in that order", () => {
    const metadata = tipMetadata({ userId: "u", displayName: "Satoshi Sample", lightningName: "satoshi" }, "Lightning Press", "press.example");
    expect(JSON.parse(metadata)).toEqual([
      ["text/plain", "Tip Satoshi Sample on Lightning Press"],
      ["text/identifier", "satoshi@press.example"],
    ]);
  });
});

describe("an article's tip", () => {
  it("has only the text/plain metadata LUD-06 requires (no Lightning Address, so no text/identifier)", () => {
    expect(JSON.parse(articleTipMetadata({ id: "a", title: "Routing fees" }, "Lightning Press"))).toEqual([["text/plain", "Tip for Routing fees on Lightning Press"]]);
  });

  it("says how it is shared: by percent, lead first, and the site's fee if it takes one", () => {
    expect(describeTipShares([{ name: "Ada", percent: 60 }, { name: "Bo", percent: 40 }], 0)).toBe("60% Ada, 40% Bo");
    expect(describeTipShares([{ name: "Ada", percent: 60 }, { name: "Bo", percent: 40 }], 5)).toBe("60% Ada, 40% Bo, after the site's 5% fee");
    expect(describeTipShares([{ name: "Ada", percent: 100 }], 0)).toBe("All to Ada");
  });
});
