import "server-only";
import { Lru } from "@/lib/cache/lru";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { getEnv } from "@/lib/env";
import { errorMessage, log } from "@/lib/log";
import { isLightningUnavailable, lightning, LightningUnavailableError } from "@/lib/lightning/lightning";
import { invoiceBusy, releaseReservation, reserveInvoice } from "@/lib/payments/invoice-caps";
import { attachInvoice, markError, markExpired, markSettled, resetForRenewal } from "@/lib/payments/transitions";
import { viewAction, type ViewSubject } from "@/lib/payments/view-action";

export type PaywallState =
  | { kind: "paid"; paymentId: string }
  | { kind: "waiting"; paymentId: string; paymentRequest: string; paymentHash: string; expiresAt: Date; amountSats: number }
  | { kind: "unavailable"; message: string }
  | { kind: "busy"; message: string };

// Expiring this close to now counts as expired: a reader could not pay it in time.
const EXPIRY_MARGIN_MS = 3000;
const MAX_STEPS = 4;

/**
 * Brings this buyer's view payment for the article to a state the paywall can show:
 * paid, or waiting on a live invoice (created or renewed as needed), or unavailable.
 * Throws AppError 429 ("busy") when a new invoice would pass a cap (lib/payments/invoice-caps.ts).
 */
export async function prepareViewPayment(buyerId: string, article: ViewSubject, clientAddress = "unknown"): Promise<PaywallState> {
  for (let step = 0; step < MAX_STEPS; step++) {
    const payment = await findOrCreateViewPayment(buyerId, article);
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
        const outcome = await issueInvoice(payment.id, buyerId, clientAddress, article);
        if (outcome === "unavailable") return unavailableState();
        if (outcome === "withdrawn") return { kind: "unavailable", message: "This article is no longer sold." };
        break;
      }
    }
  }
  return unavailableState();
}

// "Check payment" asks the node at most once per CHECK_EVERY_MS per payment, however often (or
// from however many tabs) it is clicked; the settlement stream credits a payment within
// moments anyway. Per process, which is enough to bound what one client makes the node do.
const CHECK_EVERY_MS = 2000;
type NodeCheck = { at: number; outcome: Promise<Awaited<ReturnType<typeof refreshFromNode>>> };
const globalForChecks = globalThis as unknown as { __paymentChecks?: Lru<NodeCheck> };

/** "Check payment": asks the node about a pending invoice and records what it says. */
export async function checkViewPayment(paymentId: string): Promise<string> {
  const payment = await db().payment.findUniqueOrThrow({ where: { id: paymentId } });
  if (payment.status !== "pending_payment" && payment.status !== "expired") return payment.status;
  const checks = (globalForChecks.__paymentChecks ??= new Lru<NodeCheck>(10_000));
  let recent = checks.get(paymentId);
  if (!recent || Date.now() - recent.at >= CHECK_EVERY_MS) {
    recent = { at: Date.now(), outcome: refreshFromNode(payment.id, payment.paymentHash) };
    checks.set(paymentId, recent);
  }
  const state = await recent.outcome;
  if (state === "unavailable") throw new LightningUnavailableError("Lightning node unavailable");
  const updated = await db().payment.findUniqueOrThrow({ where: { id: paymentId }, select: { status: true } });
  return updated.status;
}

/** Settled -> complete, expired or canceled -> expired, open -> unchanged. */
export async function refreshFromNode(paymentId: string, paymentHash: string | null): Promise<"changed" | "unchanged" | "unavailable"> {
  if (!paymentHash) return "unchanged";
  try {
    const invoice = await lightning().getInvoice(paymentHash);
    if (invoice?.state === "settled") {
      await markSettled({ paymentHash, settleIndex: invoice.settleIndex ?? 0, settledAt: invoice.settledAt ?? new Date(), receivedMsats: invoice.receivedMsats });
      return "changed";
    }
    if (!invoice || invoice.state === "expired" || invoice.state === "canceled") {
      await markExpired(paymentId, paymentHash);
      return "changed";
    }
    return "unchanged";
  } catch (error) {
    if (isLightningUnavailable(error)) {
      log.warn("lightning unavailable while checking a payment", { paymentId, reason: error.message });
      return "unavailable";
    }
    throw error;
  }
}

type ViewPaymentRow = { id: string; status: string; amountSats: number; paymentHash: string | null; paymentRequest: string | null; invoiceExpiresAt: Date | null };

// The common case (a reader coming back to a pending or paid article) is one raw SELECT; the
// buyer row and the payment are written only the first time.
async function findOrCreateViewPayment(buyerId: string, article: ViewSubject): Promise<ViewPaymentRow> {
  const existing = await findViewPayment(buyerId, article.id);
  if (existing) return existing;
  const where = { buyerId, articleId: article.id, purpose: viewAction.purpose };
  // Not Prisma's upsert: on SQLite it runs as a transaction of several statements, several
  // times slower than this one statement on a reader's first visit.
  await db().$executeRaw`INSERT INTO "Buyer" ("id", "createdAt") VALUES (${buyerId}, ${new Date()}) ON CONFLICT ("id") DO NOTHING`;
  try {
    return await db().payment.create({ data: { ...where, amountSats: viewAction.amountSats(article) } });
  } catch {
    // Lost a race with a concurrent request for the same buyer: the unique index kept one row.
    return db().payment.findFirstOrThrow({ where });
  }
}

async function findViewPayment(buyerId: string, articleId: string): Promise<ViewPaymentRow | null> {
  const [row] = await db().$queryRaw<Array<Record<string, unknown>>>`
    SELECT "id", "status", "amountSats", "paymentHash", "paymentRequest", "invoiceExpiresAt" FROM "Payment"
     WHERE "buyerId" = ${buyerId} AND "articleId" = ${articleId} AND "purpose" = 'view'`;
  if (!row) return null;
  return {
    id: String(row.id),
    status: String(row.status),
    amountSats: sqlInt(row.amountSats),
    paymentHash: (row.paymentHash as string | null) ?? null,
    paymentRequest: (row.paymentRequest as string | null) ?? null,
    invoiceExpiresAt: sqlDate(row.invoiceExpiresAt),
  };
}

type IssueOutcome = "issued" | "raced" | "unavailable" | "failed" | "withdrawn";

async function issueInvoice(paymentId: string, buyerId: string, clientAddress: string, article: ViewSubject): Promise<IssueOutcome> {
  const env = getEnv();
  const amountSats = viewAction.amountSats(article);
  const expiresAt = new Date(Date.now() + env.INVOICE_EXPIRY_SECONDS * 1000);
  if (!(await reserveInvoice({ paymentId, buyerId, clientAddress, expiresAt }))) {
    // Refused by a cap, unless a concurrent request for the same payment moved it on first.
    const [row] = await db().$queryRaw<Array<{ status: string }>>`SELECT "status" FROM "Payment" WHERE "id" = ${paymentId}`;
    if (row?.status === "pending_invoice") {
      log.warn("invoice refused: cap reached", { paymentId });
      throw invoiceBusy();
    }
    return "raced";
  }
  try {
    const invoice = await lightning().createInvoice({
      amountMsats: BigInt(amountSats) * 1000n,
      description: viewAction.invoiceDescription(article, env.SITE_NAME),
      expiresAt,
    });
    if (await attachInvoice(paymentId, amountSats, invoice)) return "issued";
    // Not attached: a concurrent request attached its own, or the article was withdrawn while the
    // node made this one (attachInvoice requires a visible article). Either way nobody may pay it.
    await lightning().cancelInvoice(invoice.paymentHash).catch(() => false);
    const [row] = await db().$queryRaw<Array<{ status: string }>>`
      SELECT a."status" FROM "Article" AS a JOIN "Payment" AS p ON p."articleId" = a."id" WHERE p."id" = ${paymentId}`;
    if (row?.status === "visible") return "raced";
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

function unavailableState(): PaywallState {
  return { kind: "unavailable", message: "Lightning payments are unavailable right now. Please try again in a minute." };
}
