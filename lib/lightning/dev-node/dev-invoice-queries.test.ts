import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { settleDevInvoice } from "@/lib/lightning/dev-node/dev-invoice-queries";
import { useFreshDatabase } from "@/test/support/test-database";

beforeEach(async () => {
  await useFreshDatabase();
});

describe("the development node's settle index", () => {
  it("gives invoices settled at the same moment distinct indexes 1..n, each settled once", async () => {
    const hashes = Array.from({ length: 20 }, () => randomBytes(32).toString("hex"));
    const now = new Date();
    await db().devInvoice.createMany({
      data: hashes.map((paymentHash) => ({ paymentHash, preimage: "00", request: "lnbc", amountMsats: 1000n, description: "", expiresAt: new Date(now.getTime() + 60_000) })),
    });
    const settled = await Promise.all([...hashes, ...hashes].map((hash) => settleDevInvoice(hash, now)));
    expect(settled.filter((n) => n === 1)).toHaveLength(hashes.length);
    const indexes = (await db().devInvoice.findMany({ select: { settleIndex: true } })).map((row) => Number(row.settleIndex)).sort((a, b) => a - b);
    expect(indexes).toEqual(hashes.map((_, i) => i + 1));
  });
});
