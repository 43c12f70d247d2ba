import "server-only";
import { cookies, headers } from "next/headers";
import { sessionUserId } from "@/lib/auth/current-user";
import { BUYER_COOKIE, FRESH_BUYER_HEADER, RECEIPTS_COOKIE, readBuyerId, readReceiptGrants } from "@/lib/buyers/reader-cookies";

/**
 * freshBuyer: the buyer cookie was minted for this very request (the browser has not shown it
 * keeps it). userId: the signed-in user, whose purchases from every browser they signed in with
 * are theirs here too.
 */
export type Reader = { buyerId: string | null; receiptPaymentIds: string[]; freshBuyer: boolean; userId: string | null };

/** Who is reading, from the signed cookies (set by proxy.ts, receipt links and sign-in). */
export async function currentReader(): Promise<Reader> {
  const [jar, list, userId] = await Promise.all([cookies(), headers(), sessionUserId()]);
  return {
    userId,
    buyerId: readBuyerId(jar.get(BUYER_COOKIE)?.value),
    receiptPaymentIds: readReceiptGrants(jar.get(RECEIPTS_COOKIE)?.value),
    freshBuyer: list.get(FRESH_BUYER_HEADER) === "1",
  };
}
