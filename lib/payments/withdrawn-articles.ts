import "server-only";
import { db } from "@/lib/db/client";
import { errorMessage, log } from "@/lib/log";
import { isLightningUnavailable, lightning } from "@/lib/lightning/lightning";
import { markExpired } from "@/lib/payments/transitions";

const BATCH = 100;

/**
 * An article removed by the admins or unpublished by its author sells nothing from then on.
 * Called after the status change has committed: every invoice still open for it is canceled on
 * the node (so wallets refuse to pay it) and its payment moved to expired. Invoices asked for
 * after the change are never attached (attachInvoice requires a visible article), so nothing
 * slips between the two. Should the node be unreachable the payments are still expired; a
 * settlement that arrives anyway is credited and flagged (markSettled). Returns how many were
 * canceled on the node.
 */
export async function cancelOpenInvoices(articleId: string): Promise<number> {
  let canceled = 0;
  let nodeReachable = true;
  for (;;) {
    const open = await db().payment.findMany({
      where: { articleId, status: "pending_payment", paymentHash: { not: null } },
      select: { id: true, paymentHash: true },
      take: BATCH,
    });
    for (const { id, paymentHash } of open) {
      if (!paymentHash) continue;
      if (nodeReachable) {
        try {
          if (await lightning().cancelInvoice(paymentHash)) canceled++;
        } catch (error) {
          // One failure is enough to know: do not wait out a timeout per invoice.
          nodeReachable = !isLightningUnavailable(error);
          log.warn("could not cancel an invoice of a withdrawn article", { paymentId: id, reason: errorMessage(error) });
        }
      }
      await markExpired(id, paymentHash);
    }
    if (open.length < BATCH) break;
  }
  if (canceled > 0) log.info("invoices canceled for a withdrawn article", { articleId, canceled });
  return canceled;
}
