import "server-only";
import { receiptEntitlement } from "@/lib/access/entitlement-queries";

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** What a receipt token restores: its payment's entitlement to read an article (slug) or its pass (slug null), or null. */
export async function redeemReceipt(token: string): Promise<{ paymentId: string; slug: string | null } | null> {
  if (!TOKEN.test(token)) return null;
  return receiptEntitlement(token);
}
