import "server-only";
import { qrSvg } from "@/lib/qr/qr-svg";
import { tipLnurl } from "@/lib/tips/lnurl-pay";
import { lightningAddress } from "@/lib/tips/tip-metadata";
import { recipientById } from "@/lib/tips/tip-queries";

export type TipAddress = { address: string; lnurl: string; qrSvg: string };

/** What the author page shows for tips: the Lightning Address and its LNURL-pay QR; null without a name. */
export async function tipAddressOf(userId: string, origin: string): Promise<TipAddress | null> {
  const recipient = await recipientById(userId);
  if (!recipient) return null;
  const lnurl = tipLnurl(origin, recipient.lightningName);
  return { address: lightningAddress(recipient.lightningName, new URL(origin).host), lnurl, qrSvg: await qrSvg(`LIGHTNING:${lnurl}`) };
}
