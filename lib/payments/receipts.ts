import "server-only";
import { db } from "@/lib/db/client";

const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** The completed purchase a receipt token stands for, or null. */
export async function redeemReceipt(token: string): Promise<{ paymentId: string; slug: string } | null> {
  if (!TOKEN.test(token)) return null;
  const payment = await db().payment.findUnique({
    where: { receiptToken: token },
    select: { id: true, status: true, article: { select: { slug: true } } },
  });
  if (!payment || payment.status !== "complete") return null;
  return { paymentId: payment.id, slug: payment.article.slug };
}
