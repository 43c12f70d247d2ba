import "server-only";
import { isAppError } from "@/lib/errors";
import { preparePayment, type PaymentState } from "@/lib/payments/open-payment";

/** The browser's open pass invoice for this offer (the same one on every visit until paid). */
export async function passPaymentState(offerId: string, buyerId: string, address: string): Promise<PaymentState> {
  try {
    return await preparePayment("pass", { offerId }, { kind: "browser", buyerId }, address);
  } catch (error) {
    if (isAppError(error) && error.code === "busy") return { kind: "busy", message: error.message };
    throw error;
  }
}
