import "server-only";
import { downloadLinksText } from "@/lib/files/download-mail-lines";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReceiptSubject } from "@/lib/payments/paid-action";

// A receipt mail, paragraph by paragraph. Each part reads what it needs with the client it is
// given (inside the completing transaction, or on its own) and returns its text, or null to be
// left out. A new part (the download links of files bought with the payment, say) is one entry
// in RECEIPT_PARTS, and every receipt, queued at settlement or asked for later, carries it.
// No part may put paid content (an article's body, a file) in a mail.

export type ReceiptFacts = { paymentId: string; link: string; subject: ReceiptSubject };
export type ReceiptPart = (client: Prisma.TransactionClient, receipt: ReceiptFacts) => Promise<string | null> | string | null;

const thanks: ReceiptPart = (_, { subject }) => `Thank you for buying "${subject.title}".`;
const details: ReceiptPart = (_, { subject }) => (subject.details.length ? subject.details.join("\n") : null);
const receiptLink: ReceiptPart = (_, { subject, link }) => `Your private receipt link ${subject.linkOpens}:\n${link}`;
const keepPrivate: ReceiptPart = () => "Anyone with the link can use it, so keep it to yourself.";
// The receipt link is absolute: its origin is the site's, for the download links too.
const downloads: ReceiptPart = (client, { paymentId, link }) => downloadLinksText(client, paymentId, new URL(link).origin);

export const RECEIPT_PARTS: ReceiptPart[] = [thanks, details, receiptLink, keepPrivate, downloads];

export async function receiptParts(client: Prisma.TransactionClient, receipt: ReceiptFacts): Promise<string[]> {
  const texts: string[] = [];
  for (const part of RECEIPT_PARTS) {
    const text = await part(client, receipt);
    if (text) texts.push(text);
  }
  return texts;
}
