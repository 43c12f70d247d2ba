import { describe, expect, it } from "vitest";
import { ROW_ID } from "@/lib/http/identifiers";
import { newPaymentId, parsePaymentId } from "@/lib/payments/payment-id";

describe("newPaymentId", () => {
  it("makes row ids (cuid-shaped, accepted by the routes) that do not repeat", () => {
    const ids = Array.from({ length: 2000 }, () => newPaymentId());
    for (const id of ids.slice(0, 50)) {
      expect(id).toMatch(ROW_ID);
      expect(id).toHaveLength(25);
      expect(parsePaymentId(id)).toBe(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
