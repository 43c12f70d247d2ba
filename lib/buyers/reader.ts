import "server-only";
import { cookies } from "next/headers";
import { BUYER_COOKIE, RECEIPTS_COOKIE, readBuyerId, readReceiptGrants } from "@/lib/buyers/reader-cookies";

export type Reader = { buyerId: string | null; receiptPaymentIds: string[] };

/** Who is reading, from the signed cookies (set by proxy.ts and receipt links). */
export async function currentReader(): Promise<Reader> {
  const jar = await cookies();
  return {
    buyerId: readBuyerId(jar.get(BUYER_COOKIE)?.value),
    receiptPaymentIds: readReceiptGrants(jar.get(RECEIPTS_COOKIE)?.value),
  };
}
