import "server-only";
import { findReadAccess } from "@/lib/access/entitlement-queries";
import { findReaderPayment, getPaidBody } from "@/lib/articles/article-access";
import type { Reader } from "@/lib/buyers/reader";
import { paymentIdSchema } from "@/lib/payments/payment-id";

export type UnlockRefusal = { ok: false; status: 400 | 404 | 409 | 410; code: string; message: string };
export type UnlockedBody = { ok: true; articleId: string; body: string } | UnlockRefusal;

const refuse = (status: UnlockRefusal["status"], code: string, message: string): UnlockRefusal => ({ ok: false, status, code, message });

/**
 * The body a paywall may swap in once its payment settled, without re-rendering the page: only
 * for this reader's own article payment, only once the server has recorded it complete, and only
 * with the reader's entitlement, the same check the article page makes (findReadAccess).
 */
export async function unlockedBody(paymentId: unknown, reader: Reader): Promise<UnlockedBody> {
  const id = paymentIdSchema.safeParse(paymentId);
  if (!id.success) return refuse(400, "invalid_id", "Malformed payment id");
  // Someone else's payment is answered like an unknown one: its existence is not revealed.
  const payment = await findReaderPayment(id.data, reader);
  if (!payment || !payment.articleId) return refuse(404, "not_found", "Unknown payment");
  if (payment.status === "expired") return refuse(410, "expired", "This invoice expired");
  if (payment.status !== "complete") return refuse(409, "not_paid", "Not paid yet");
  const access = await findReadAccess(payment.articleId, reader);
  if (!access) return refuse(404, "not_found", "This payment grants no reading");
  return { ok: true, articleId: payment.articleId, body: await getPaidBody(payment.articleId, { entitlementId: access.entitlementId }) };
}
