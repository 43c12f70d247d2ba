import { secp256k1 } from "@noble/curves/secp256k1.js";
import { describe, expect, it } from "vitest";
import { decodeLnurl, encodeLnurl, lnurlCallbackQuery, lnurlCallbackUrl, verifyLnurlSignature } from "@/lib/auth/lnurl-auth";

const k1 = "e2af6254a8df433264fa23f67eb8188635d15ce883e8fc020989d5f82ae6f11e";
const privateKey = "7f".repeat(32);
const key = Buffer.from(secp256k1.getPublicKey(Buffer.from(privateKey, "hex"), true)).toString("hex");
const sign = (message: string, format: "der" | "compact" = "der", lowS = true) =>
  Buffer.from(secp256k1.sign(Buffer.from(message, "hex"), Buffer.from(privateKey, "hex"), { prehash: false, format, lowS })).toString("hex");

describe("LNURL encoding (LUD-01)", () => {
  it("round-trips the callback URL through upper-case bech32 with the lnurl prefix", () => {
    const url = lnurlCallbackUrl("https://press.example", k1, "login");
    expect(url).toBe(`https://press.example/api/login/lnurl?tag=login&k1=${k1}&action=login`);
    const lnurl = encodeLnurl(url);
    expect(lnurl).toMatch(/^LNURL1[02-9AC-HJ-NP-Z]+$/);
    expect(decodeLnurl(lnurl)).toBe(url);
    expect(decodeLnurl(lnurl.toLowerCase())).toBe(url);
  });

  it("decodes the LUD-01 example", () => {
    const example =
      "LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKVV34X5EKZD3EV56NYD3HXQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS";
    expect(decodeLnurl(example)).toBe("https://service.com/api?q=3fc3645b439ce8e7f2553a69e5267081d96dcd340693afabe04be7b0ccd178df");
  });
});

describe("LNURL-auth signatures (LUD-04)", () => {
  it("accepts the linking key's DER signature of k1, taken as the digest", () => {
    expect(verifyLnurlSignature(k1, sign(k1), key)).toBe(true);
  });

  it("accepts a high-S signature (some wallets do not normalise)", () => {
    expect(verifyLnurlSignature(k1, sign(k1, "der", false), key)).toBe(true);
  });

  it("refuses another k1's signature, another key, a compact signature and garbage", () => {
    expect(verifyLnurlSignature(k1, sign("00".repeat(32)), key)).toBe(false);
    const other = Buffer.from(secp256k1.getPublicKey(Buffer.from("11".repeat(32), "hex"), true)).toString("hex");
    expect(verifyLnurlSignature(k1, sign(k1), other)).toBe(false);
    expect(verifyLnurlSignature(k1, sign(k1, "compact"), key)).toBe(false);
    expect(verifyLnurlSignature(k1, "3006020101020101", key)).toBe(false);
    expect(verifyLnurlSignature(k1, sign(k1), `02${"ff".repeat(32)}`)).toBe(false);
  });

  it("validates the callback query before any cryptography", () => {
    const good = { tag: "login", k1, sig: sign(k1), key };
    expect(lnurlCallbackQuery.safeParse(good).success).toBe(true);
    expect(lnurlCallbackQuery.safeParse({ ...good, k1: k1.toUpperCase() }).data?.k1).toBe(k1);
    for (const bad of [{ ...good, tag: "withdrawRequest" }, { ...good, k1: k1.slice(2) }, { ...good, sig: "abc" }, { ...good, key: `04${key.slice(2)}` }, { k1 }]) {
      expect(lnurlCallbackQuery.safeParse(bad).success).toBe(false);
    }
  });
});
