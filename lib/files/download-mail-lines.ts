import "server-only";
import { getEnv } from "@/lib/env";
import { downloadPath, linkFor } from "@/lib/files/download-links";
import { filesOfPayment } from "@/lib/files/held-file-queries";
import type { Prisma } from "@/lib/generated/prisma/client";

/** "5 downloads" or "5 downloads until 2026-12-31". */
export function downloadAllowance(usesLeft: number, expiresAt: Date | null): string {
  const count = `${usesLeft} download${usesLeft === 1 ? "" : "s"}`;
  return expiresAt ? `${count} until ${expiresAt.toISOString().slice(0, 10)}` : count;
}

/**
 * The download part of a payment's receipt mail (an entry of RECEIPT_PARTS): one private link per
 * file the purchase holds (the purchase's own round-0 link, the one its browser's downloads count
 * against, issued here if it does not exist yet), or null when it holds no files. Names and links
 * only, never the files' contents. `client` is the completing transaction when the receipt is
 * queued at settlement: the link is made with the payment, or not at all.
 */
export async function downloadLinksText(client: Prisma.TransactionClient, paymentId: string, origin: string): Promise<string | null> {
  const lines: string[] = [];
  for (const file of await filesOfPayment(paymentId, client)) {
    const link = await linkFor(file.entitlementId, file.fileId, { client });
    if (link) lines.push(`${file.title} (${file.fileName}), ${downloadAllowance(link.usesLeft, link.expiresAt)}:\n${origin}${downloadPath(link.token)}`);
  }
  if (lines.length === 0) return null;
  return [`Your download links (each good for ${getEnv().DOWNLOAD_LIMIT} downloads; keep them to yourself):`, ...lines].join("\n");
}
