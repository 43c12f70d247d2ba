import { afterEach, describe, expect, it, vi } from "vitest";
import { log, redact } from "@/lib/log";

const k1 = "ab12".repeat(16);
const receiptToken = "Zx9_kLmN0pQrStUvWxYz-1234567890A";
const downloadToken = "Dl7_kLmN0pQrStUvWxYz-0987654321B";
const session = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..c2FsdA.Y2lwaGVy.dGFn";
const pubkey = `02${"cd".repeat(32)}`;

function captured(write: () => void): string {
  const lines: string[] = [];
  const collect = (...args: unknown[]) => void lines.push(args.join(" "));
  const spies = [vi.spyOn(console, "log").mockImplementation(collect), vi.spyOn(console, "warn").mockImplementation(collect), vi.spyOn(console, "error").mockImplementation(collect)];
  write();
  for (const spy of spies) spy.mockRestore();
  return lines.join("\n");
}

afterEach(() => vi.restoreAllMocks());

describe("the logger keeps secrets out of log lines", () => {
  it("redacts receipt tokens and k1 values in paths, whether in a field or in the message", () => {
    const out = captured(() => {
      log.error("unhandled route error", { path: `/receipts/${receiptToken}`, reason: "boom" });
      log.error("unhandled route error", { path: `/api/login/challenges/${k1}`, reason: "boom" });
      log.error("unhandled route error", { path: `/d/${downloadToken}`, reason: "boom" });
      log.warn(`auth request failed: Cannot parse action at /api/auth/callback/lightning/${k1}`);
    });
    expect(out).not.toContain(receiptToken);
    expect(out).not.toContain(k1);
    expect(out).toContain("/receipts/[redacted]");
    expect(out).not.toContain(downloadToken);
    expect(out).toContain("/d/[redacted]");
    expect(out).toContain("unhandled route error");
  });

  it("redacts gift claim tokens in paths (the page, the claim route, the giver's receipt page)", () => {
    const claim = "Xy_Z-".repeat(8) + "abc";
    const out = captured(() => {
      log.error("unhandled route error", { path: `/api/gifts/${claim}/claim`, reason: "boom" });
      log.warn(`render failed at /gifts/${claim}`);
      log.warn(`render failed at /gifts/sent/${receiptToken}`);
    });
    expect(out).not.toContain(claim);
    expect(out).not.toContain(receiptToken);
    expect(out).toContain("/api/gifts/[redacted]/claim");
    expect(out).toContain("/gifts/sent/[redacted]");
  });

  it("redacts secret fields by name and secret values by shape, keeping public keys and ids", () => {
    const out = captured(() => {
      log.info("sign-in", { k1: "short", receiptToken, sessionToken: "x", preimage: "00", signature: "3044", paymentId: "cm0abc", pubkey });
      log.warn("lnurl", { reason: `GET /api/login/lnurl?tag=login&k1=${k1}&sig=3044aa&key=${pubkey}` });
      log.warn("session", { reason: `bad token ${session}` });
    });
    for (const secret of [receiptToken, k1, session, "sig=3044aa", '"short"']) expect(out).not.toContain(secret);
    expect(out).toContain("cm0abc");
    expect(out).toContain(pubkey);
  });

  it("leaves ordinary text alone", () => {
    expect(redact("payment complete for /articles/hello-world at index 42")).toBe("payment complete for /articles/hello-world at index 42");
  });
});
