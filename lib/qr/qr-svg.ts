import "server-only";
import QRCode from "qrcode";
import { Lru } from "@/lib/cache/lru";

// SVG QR codes drawn on the server by `qrcode` (no script needed to see them). The same text is
// often drawn again (a reader reloading a paywall), so SVGs are kept per content.
const drawn = new Lru<string>(2000);

/** Upper-case text lets the QR use its compact alphanumeric mode (invoices and LNURLs allow it). */
export async function qrSvg(text: string): Promise<string> {
  const hit = drawn.get(text);
  if (hit) return hit;
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  drawn.set(text, svg);
  return svg;
}
