import "server-only";
import { AppError } from "@/lib/errors";
import { preparePayment } from "@/lib/payments/open-payment";
import { parseTipRequest, tipRecipient } from "@/lib/tips/lnurl-pay";
import { tipThanks } from "@/lib/tips/tip-metadata";

/**
 * The LNURL-pay callback (LUD-06): a new tip payment on the engine for the amount asked, with the
 * comment kept in its arguments, and its invoice for the wallet, plus a LUD-09 message to show
 * once paid. A wallet has no cookie: every call is its own payment (no reuse key), held back by
 * the per-address and site-wide invoice caps.
 */
export async function tipInvoice(rawName: string, query: URLSearchParams, origin: string, clientAddress: string): Promise<Record<string, unknown>> {
  const recipient = await tipRecipient(rawName);
  const { amountMsats, comment } = parseTipRequest(query);
  const args = { userId: recipient.userId, amountMsats, host: new URL(origin).host, ...(comment === undefined ? {} : { comment }) };
  const state = await preparePayment("tip", args, { kind: "wallet" }, clientAddress);
  switch (state.kind) {
    case "waiting":
      return { pr: state.paymentRequest, routes: [], successAction: { tag: "message", message: tipThanks(recipient) } };
    case "busy":
      throw new AppError(429, state.message, "busy");
    case "unavailable":
      throw new AppError(503, state.message, "lightning_unavailable");
    case "paid":
      // A payment without a reuse key is new on every call, so it cannot be paid already.
      throw new Error("a new tip payment reported as paid");
  }
}
