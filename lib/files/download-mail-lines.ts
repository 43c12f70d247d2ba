import "server-only";
import { getEnv } from "@/lib/env";
import { downloadPath, linkFor } from "@/lib/files/download-links";
import { filesOfPayment } from "@/lib/files/held-file-queries";

/** "5 downloads" or "5 downloads until 2026-12-31". */
export function downloadAllowance(usesLeft: number, expiresAt: Date | null): string {
  const count = `${usesLeft} download${usesLeft === 1 ? "" : "s"}`;
  return expiresAt ? `${count} until ${expiresAt.toISOString().slice(0, 10)}` : count;
}

/**
 * The download part of a payment's receipt mail: one private link per file the purchase holds
 * (the purchase's own round-0 link, the one its browser's downloads count against), or nothing
 * when it holds no files. Names and links only, never the files' contents.
 */
export async function downloadLinkLines(paymentId: string, origin: string): Promise<string[]> {
  const lines: string[] = [];
  for (const file of await filesOfPayment(paymentId)) {
    const link = await linkFor(file.entitlementId, file.fileId);
    if (link) lines.push(`${file.title} (${file.fileName}), ${downloadAllowance(link.usesLeft, link.expiresAt)}:`, `${origin}${downloadPath(link.token)}`);
  }
  if (lines.length === 0) return [];
  return ["", `Your download links (each good for ${getEnv().DOWNLOAD_LIMIT} downloads; keep them to yourself):`, ...lines];
}
