import "server-only";
import { db } from "@/lib/db/client";
import { Lru } from "@/lib/cache/lru";
import { log } from "@/lib/log";
import { isLightningUnavailable, lightning, LightningUnavailableError } from "@/lib/lightning/lightning";
import { markExpired, markSettled } from "@/lib/payments/transitions";

// Asking the node about one payment's invoice, for any paid action.

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

// "Check payment" asks the node at most once per CHECK_EVERY_MS per payment, however often (or
// from however many tabs) it is clicked; the settlement stream credits a payment within
// moments anyway. Per process, which is enough to bound what one client makes the node do.
const CHECK_EVERY_MS = 2000;
type NodeCheck = { at: number; outcome: Promise<Awaited<ReturnType<typeof refreshFromNode>>> };
const globalForChecks = globalThis as unknown as { __paymentChecks?: Lru<NodeCheck> };

/** "Check payment": asks the node about a pending invoice and records what it says. */
export async function checkPayment(paymentId: string): Promise<string> {
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
