import { describe, expect, it } from "vitest";
import { challengeHeader, parseAuthorization } from "@/lib/l402/l402-header";

const MAC = Buffer.from("a macaroon's bytes").toString("base64");
const PRE = "ab".repeat(32);

describe("parseAuthorization", () => {
  it("reads L402 and the legacy LSAT scheme (case-insensitive), base64 and base64url", () => {
    for (const header of [`L402 ${MAC}:${PRE}`, `LSAT ${MAC}:${PRE}`, `l402 ${MAC}:${PRE.toUpperCase()}`]) {
      const parsed = parseAuthorization(header);
      expect(parsed.kind).toBe("credential");
      if (parsed.kind !== "credential") continue;
      expect(Buffer.from(parsed.credential.macaroon).toString()).toBe("a macaroon's bytes");
      expect(parsed.credential.preimage.toString("hex")).toBe(PRE);
    }
    const url = parseAuthorization(`L402 ${Buffer.from([251, 255, 190]).toString("base64url")}:${PRE}`);
    expect(url.kind === "credential" && [...url.credential.macaroon]).toEqual([251, 255, 190]);
  });

  it("does not take L402 or LSAT inside the base64 for a second scheme", () => {
    expect(parseAuthorization(`L402 ab/LSAT+L402/cd=:${PRE}`).kind).toBe("credential");
  });

  it("is not an L402 credential without the scheme (the client gets the challenge)", () => {
    expect(parseAuthorization(null)).toEqual({ kind: "none" });
    expect(parseAuthorization("Bearer abc")).toEqual({ kind: "none" });
    expect(parseAuthorization("")).toEqual({ kind: "none" });
  });

  it.each([
    ["both L402 and LSAT", `L402 ${MAC}:${PRE}, LSAT ${MAC}:${PRE}`],
    ["two L402", `L402 ${MAC}:${PRE},L402 ${MAC}:${PRE}`],
    ["missing preimage", `L402 ${MAC}:`],
    ["no colon", `L402 ${MAC}`],
    ["short preimage", `L402 ${MAC}:${PRE.slice(2)}`],
    ["long preimage", `L402 ${MAC}:${PRE}00`],
    ["non-hex preimage", `L402 ${MAC}:${"zz".repeat(32)}`],
    ["bad base64", `L402 ${MAC.slice(0, -2)}!*:${PRE}`],
    ["impossible base64 length", `L402 A:${PRE}`],
    ["mixed base64 alphabets", `L402 ab+_cd==:${PRE}`],
    ["scheme not first", `Bearer x L402 ${MAC}:${PRE}`],
    ["extra field", `L402 ${MAC}:${PRE}:${PRE}`],
    ["huge", `L402 ${"A".repeat(10_000)}:${PRE}`],
    ["token= form", `L402 token="${MAC}", preimage="${PRE}"`],
  ])("refuses %s as malformed", (_name, header) => {
    expect(parseAuthorization(header).kind).toBe("malformed");
  });

  it("writes the bLIP-0026 challenge", () => {
    expect(challengeHeader("bWFj", "lnbcrt1")).toBe('L402 macaroon="bWFj", token="bWFj", invoice="lnbcrt1"');
  });
});
