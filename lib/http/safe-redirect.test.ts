import { describe, expect, it } from "vitest";
import { safeReturnPath } from "@/lib/http/safe-redirect";

describe("return paths after sign-in", () => {
  it("keeps same-site paths", () => {
    expect(safeReturnPath("/dashboard", "/account")).toBe("/dashboard");
    expect(safeReturnPath("/articles/a-b?x=1#y", "/account")).toBe("/articles/a-b?x=1#y");
  });

  it("refuses other hosts and tricks", () => {
    for (const value of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", "/\u0000x", undefined, ["/a"], "a".repeat(600)]) {
      expect(safeReturnPath(value, "/account")).toBe("/account");
    }
  });
});
