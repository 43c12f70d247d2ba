import "server-only";
import { qrSvg } from "@/lib/qr/qr-svg";

// Wallets accept invoices in either case; upper case keeps the QR small.
export function invoiceQrSvg(paymentRequest: string): Promise<string> {
  return qrSvg(`lightning:${paymentRequest}`.toUpperCase());
}
