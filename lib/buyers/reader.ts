import "server-only";
import { cookies, headers } from "next/headers";
import { BUYER_COOKIE, FRESH_BUYER_HEADER, RECEIPTS_COOKIE, readBuyerId, readReceiptGrants } from "@/lib/buyers/reader-cookies";

/** freshBuyer: the buyer cookie was minted for this very request (the browser has not shown it keeps it). */
export type Reader = { buyerId: string | null; receiptPaymentIds: string[]; freshBuyer: boolean };

/** Who is reading, from the signed cookies (set by proxy.ts and receipt links). */
export async function currentReader(): Promise<Reader> {
  const [jar, list] = await Promise.all([cookies(), headers()]);
  return {
    buyerId: readBuyerId(jar.get(BUYER_COOKIE)?.value),
    receiptPaymentIds: readReceiptGrants(jar.get(RECEIPTS_COOKIE)?.value),
    freshBuyer: list.get(FRESH_BUYER_HEADER) === "1",
  };
}
