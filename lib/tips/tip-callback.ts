import "server-only";
import { AppError } from "@/lib/errors";
import type { ActionType } from "@/lib/payments/actions";
import { preparePayment } from "@/lib/payments/open-payment";
import { parseTipRequest, tipRecipient } from "@/lib/tips/lnurl-pay";
import { tipThanks } from "@/lib/tips/tip-metadata";

const TIP: ActionType = "tip";

/** The LNURL-pay callback of an author's Lightning Address: a tip for that author alone. */
export async function tipInvoice(rawName: string, query: URLSearchParams, origin: string, clientAddress: string): Promise<Record<string, unknown>> {
  const recipient = await tipRecipient(rawName);
  const { amountMsats, comment } = parseTipRequest(query);
  const args = { userId: recipient.userId, amountMsats, host: new URL(origin).host, ...(comment === undefined ? {} : { comment }) };
  return walletInvoice(TIP, args, tipThanks(recipient), clientAddress);
}

/**
 * An LNURL-pay callback's answer (LUD-06): a new payment on the engine for the amount asked, with
 * the comment kept in its arguments, and its invoice for the wallet, plus a LUD-09 message to show
 * once paid. A wallet has no cookie: every call is its own payment (no reuse key), held back by
 * the per-address and site-wide invoice caps.
 */
export async function walletInvoice(type: ActionType, args: Record<string, unknown>, thanks: string, clientAddress: string): Promise<Record<string, unknown>> {
  const state = await preparePayment(type, args, { kind: "wallet" }, clientAddress);
  switch (state.kind) {
    case "waiting":
      return { pr: state.paymentRequest, routes: [], successAction: { tag: "message", message: thanks } };
    case "busy":
      throw new AppError(429, state.message, "busy");
    case "unavailable":
      throw new AppError(503, state.message, "lightning_unavailable");
    case "paid":
      // A payment without a reuse key is new on every call, so it cannot be paid already.
      throw new Error("a new tip payment reported as paid");
  }
}
