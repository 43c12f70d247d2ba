import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { RECEIPT_PARTS, receiptParts, type ReceiptPart } from "@/lib/mail/receipt-parts";
import { useFreshDatabase } from "@/test/support/test-database";

// The receipt mail is built from parts in order; a part with nothing to say is left out, and a
// new part (download links, say) added to RECEIPT_PARTS shows up in every receipt.
// A real (empty) database: parts such as the download links read it; this payment holds no files.
let client: Prisma.TransactionClient;
beforeEach(async () => {
  await useFreshDatabase();
  client = db();
});
const receipt = (details: string[]) => ({ paymentId: "p1", link: "https://press.example/receipts/abc", subject: { title: "On Bitcoin", linkOpens: "opens the article on any device", details } });

describe("receipt parts", () => {
  it("says what was bought, its details, the link and to keep it private, in that order", async () => {
    expect(await receiptParts(client, receipt(["Your pass runs until 2027-01-01 00:00 UTC."]))).toEqual([
      'Thank you for buying "On Bitcoin".',
      "Your pass runs until 2027-01-01 00:00 UTC.",
      "Your private receipt link opens the article on any device:\nhttps://press.example/receipts/abc",
      "Anyone with the link can use it, so keep it to yourself.",
    ]);
  });

  it("leaves out a part with nothing to say, and carries a part added to the list", async () => {
    expect(await receiptParts(client, receipt([]))).toHaveLength(3);
    const downloads: ReceiptPart = async (_, { paymentId }) => `Downloads for ${paymentId}`;
    RECEIPT_PARTS.splice(3, 0, downloads);
    try {
      const parts = await receiptParts(client, receipt([]));
      expect(parts).toHaveLength(4);
      expect(parts[2]).toBe("Downloads for p1");
    } finally {
      RECEIPT_PARTS.splice(RECEIPT_PARTS.indexOf(downloads), 1);
    }
  });
});
