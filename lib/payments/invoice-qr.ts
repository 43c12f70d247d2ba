import "server-only";
import QRCode from "qrcode";
import { Lru } from "@/lib/cache/lru";

// SVG QR code of an invoice, made by `qrcode`. A reader reloading the paywall sees the same
// invoice, so the SVG is kept per invoice instead of being drawn on every view.
const drawn = new Lru<string>(2000);

export async function invoiceQrSvg(paymentRequest: string): Promise<string> {
  const hit = drawn.get(paymentRequest);
  if (hit) return hit;
  // Upper case lets the QR use its compact alphanumeric mode; wallets accept either case.
  const svg = await QRCode.toString(`lightning:${paymentRequest}`.toUpperCase(), { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  drawn.set(paymentRequest, svg);
  return svg;
}
