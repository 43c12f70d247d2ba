import "server-only";
import { getEnv } from "@/lib/env";
import { AppError, badRequest } from "@/lib/errors";
import { errorMessage, log } from "@/lib/log";
import { isLightningUnavailable, lightning } from "@/lib/lightning/lightning";
import { type ActionType, paidAction } from "@/lib/payments/actions";
import { invoiceBusy, releaseReservation, reserveInvoice } from "@/lib/payments/invoice-cap-queries";
import { refreshFromNode } from "@/lib/payments/node-sync";
import type { Invoiced, PaidAction, Payer } from "@/lib/payments/paid-action";
import { newPaymentId } from "@/lib/payments/payment-id";
import { ensureBuyer, findPaymentById, findPaymentByReuseKey, insertPayment, type OpenPaymentRow, paymentStatus, subjectStillOnSale } from "@/lib/payments/payment-queries";
import { attachInvoice, markError, resetForRenewal } from "@/lib/payments/transitions";

// The engine's half of every paid action: find or create the payment (by the action's reuse
// key), ask the node for an invoice, renew an expired one, and ask the node before giving up on
// one that looks expired. Names no action; what is sold comes from the registry.

export type PaymentState =
  | { kind: "paid"; paymentId: string }
  | { kind: "waiting"; paymentId: string; paymentRequest: string; paymentHash: string; expiresAt: Date; amountSats: number }
  | { kind: "unavailable"; message: string }
  | { kind: "busy"; message: string };

// Expiring this close to now counts as expired: a payer could not pay it in time.
const EXPIRY_MARGIN_MS = 3000;
const MAX_STEPS = 4;

/** The subject is gone or no longer sold (an article removed, a name unknown): 404. */
export function notOnSale(): AppError {
  return new AppError(404, "This is not for sale.", "not_on_sale");
}

/**
 * Brings the payer's payment for this action to a state the invoice panel can show: paid, or
 * waiting on a live invoice (created or renewed as needed), or unavailable. An action without a
 * reuse key gets a new payment on every call. Throws AppError 400 for bad arguments, 404 when
 * the subject is not for sale, 429 ("busy") when a new invoice would pass a cap.
 */
export async function preparePayment(type: ActionType, rawArgs: unknown, payer: Payer, clientAddress = "unknown"): Promise<PaymentState> {
  const action = paidAction(type);
  if (!action.payers.includes(payer.kind)) throw new AppError(403, "This cannot be paid this way.", "wrong_payer");
  const parsed = action.args.safeParse(rawArgs);
  if (!parsed.success) throw badRequest("Malformed payment request", "invalid_args");
  const args = parsed.data;
  const reuseKey = action.reuseKey?.(args, payer) ?? null;
  let paymentId: string | null = null;
  // The subject as read for a payment created here: asking for its invoice need not read it again.
  let subject: unknown = undefined;
  const create = async () => {
    const created = await createPayment(type, action, args, payer, reuseKey);
    subject = created.subject;
    return created.payment;
  };
  for (let step = 0; step < MAX_STEPS; step++) {
    const payment: OpenPaymentRow = paymentId
      ? ((await findPaymentById(paymentId)) ?? (await create()))
      : ((reuseKey ? await findPaymentByReuseKey(reuseKey) : null) ?? (await create()));
    paymentId = payment.id;
    switch (payment.status) {
      case "complete":
        return { kind: "paid", paymentId: payment.id };
      case "pending_payment": {
        const { paymentHash, paymentRequest, invoiceExpiresAt } = payment;
        if (paymentHash && paymentRequest && invoiceExpiresAt && invoiceExpiresAt.getTime() - EXPIRY_MARGIN_MS > Date.now()) {
          return { kind: "waiting", paymentId: payment.id, paymentRequest, paymentHash, expiresAt: invoiceExpiresAt, amountSats: payment.amountSats };
        }
        // Looks expired: ask the node before giving up on it, it may have been paid at the last moment.
        const state = await refreshFromNode(payment.id, paymentHash);
        if (state === "unavailable") return unavailableState();
        // Still open on the node for a moment: show it rather than replace an invoice that can
        // still be paid (the page's countdown asks again when it runs out).
        if (state === "unchanged" && paymentHash && paymentRequest && invoiceExpiresAt) {
          return { kind: "waiting", paymentId: payment.id, paymentRequest, paymentHash, expiresAt: invoiceExpiresAt, amountSats: payment.amountSats };
        }
        break;
      }
      case "expired":
      case "error":
        await resetForRenewal(payment.id);
        break;
      case "pending_invoice": {
        subject ??= await action.subject(args);
        if (!subject) return { kind: "unavailable", message: "This is no longer sold." };
        const outcome = await issueInvoice(payment.id, payer, clientAddress, action.invoice(subject, args, getEnv().SITE_NAME));
        subject = undefined; // read afresh if another step needs it
        if (outcome === "unavailable") return unavailableState();
        if (outcome === "withdrawn") return { kind: "unavailable", message: "This is no longer sold." };
        // Attached: the row now holds exactly this invoice; no need to read it back.
        if (typeof outcome === "object") return { kind: "waiting", paymentId: payment.id, ...outcome };
        break;
      }
    }
  }
  return unavailableState();
}

async function createPayment(type: ActionType, action: PaidAction, args: unknown, payer: Payer, reuseKey: string | null): Promise<{ payment: OpenPaymentRow; subject: unknown }> {
  const subject = await action.subject(args);
  if (!subject) throw notOnSale();
  const { amountMsats } = action.invoice(subject, args, getEnv().SITE_NAME);
  if (amountMsats <= 0n || amountMsats % 1000n !== 0n) throw badRequest("Amounts are whole sats", "invalid_amount");
  const buyerId = payer.kind === "browser" ? payer.buyerId : null;
  if (buyerId) await ensureBuyer(buyerId);
  try {
    const payment = await insertPayment({
      id: newPaymentId(),
      buyerId,
      payerKind: payer.kind,
      articleId: action.articleId(args),
      purpose: type,
      args: JSON.stringify(args),
      reuseKey,
      amountSats: Number(amountMsats / 1000n),
    });
    return { payment, subject };
  } catch (error) {
    // Lost a race with a concurrent request for the same key: the unique index kept one row.
    const existing = reuseKey ? await findPaymentByReuseKey(reuseKey) : null;
    if (existing) return { payment: existing, subject: undefined };
    throw error;
  }
}

type Issued = { paymentRequest: string; paymentHash: string; expiresAt: Date; amountSats: number };
type IssueOutcome = Issued | "raced" | "unavailable" | "failed" | "withdrawn";

async function issueInvoice(paymentId: string, payer: Payer, clientAddress: string, invoiced: Invoiced): Promise<IssueOutcome> {
  const env = getEnv();
  const amountSats = Number(invoiced.amountMsats / 1000n);
  const expiresAt = new Date(Date.now() + env.INVOICE_EXPIRY_SECONDS * 1000);
  const buyerId = payer.kind === "browser" ? payer.buyerId : "";
  if (!(await reserveInvoice({ paymentId, buyerId, clientAddress, expiresAt }))) {
    // Refused by a cap, unless a concurrent request for the same payment moved it on first.
    if ((await paymentStatus(paymentId)) === "pending_invoice") {
      log.warn("invoice refused: cap reached", { paymentId });
      throw invoiceBusy();
    }
    return "raced";
  }
  try {
    const invoice = await lightning().createInvoice({
      amountMsats: invoiced.amountMsats,
      expiresAt,
      // One or the other: an LNURL-pay invoice commits to a hash and carries no description.
      ...("descriptionHash" in invoiced ? { descriptionHash: invoiced.descriptionHash } : { description: invoiced.description }),
    });
    if (await attachInvoice(paymentId, amountSats, invoice)) return { paymentRequest: invoice.paymentRequest, paymentHash: invoice.paymentHash, expiresAt: invoice.expiresAt, amountSats };
    // Not attached: a concurrent request attached its own, or the subject was withdrawn while the
    // node made this one (attachInvoice requires it on sale). Either way nobody may pay it.
    await lightning().cancelInvoice(invoice.paymentHash).catch(() => false);
    if (await subjectStillOnSale(paymentId)) return "raced";
    await releaseReservation(paymentId);
    return "withdrawn";
  } catch (error) {
    if (isLightningUnavailable(error)) {
      log.warn("lightning unavailable: no invoice issued", { paymentId, reason: error.message });
      await releaseReservation(paymentId);
      return "unavailable";
    }
    log.error("invoice creation failed", { paymentId, reason: errorMessage(error) });
    await markError(paymentId, errorMessage(error));
    return "failed";
  }
}

function unavailableState(): PaymentState {
  return { kind: "unavailable", message: "Lightning payments are unavailable right now. Please try again in a minute." };
}
