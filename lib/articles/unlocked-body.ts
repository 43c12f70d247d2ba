import "server-only";
import { findReadAccess } from "@/lib/access/entitlement-queries";
import { findReaderPayment, getPaidBody } from "@/lib/articles/article-access";
import type { Reader } from "@/lib/buyers/reader";
import { markdownToHtml } from "@/lib/markdown/markdown-html";
import type { ActionType } from "@/lib/payments/actions";
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

/** The same, as HTML for the payment stream (lib/markdown/markdown-html.ts), or null when refused. */
export async function unlockedBodyHtml(paymentId: string, reader: Reader): Promise<string | null> {
  const unlocked = await unlockedBody(paymentId, reader);
  return unlocked.ok ? markdownToHtml(unlocked.body) : null;
}

const PURCHASE: ActionType = "view";

/**
 * For the payment stream (app/api/payments/[id]/events): a purchase's stream carries the
 * article's body with "complete", after the same checks as the page, so the paywall shows it
 * without another round trip. Upvotes, gifts and tips about an article open nothing.
 */
export function streamedUnlock(payment: { id: string; purpose: string }, reader: Reader): (() => Promise<string | null>) | undefined {
  return payment.purpose === PURCHASE ? () => unlockedBodyHtml(payment.id, reader) : undefined;
}
