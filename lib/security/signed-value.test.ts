import { describe, expect, it } from "vitest";
import { signValue, verifySignedValue } from "@/lib/security/signed-value";

const key = Buffer.from("k".repeat(32));

describe("signed values", () => {
  it("round-trip", () => {
    expect(verifySignedValue(key, "buyer", signValue(key, "buyer", "b_abc"))).toBe("b_abc");
  });

  it("reject another key, another purpose, a changed value and junk", () => {
    const signed = signValue(key, "buyer", "b_abc");
    expect(verifySignedValue(Buffer.from("z".repeat(32)), "buyer", signed)).toBeNull();
    expect(verifySignedValue(key, "receipts", signed)).toBeNull();
    expect(verifySignedValue(key, "buyer", signed.replace("b_abc", "b_abd"))).toBeNull();
    for (const junk of [undefined, "", ".", "abc", "abc.", ".sig", "x".repeat(5000)]) {
      expect(verifySignedValue(key, "buyer", junk)).toBeNull();
    }
  });
});
