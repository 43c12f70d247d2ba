import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Reader } from "@/lib/buyers/reader";
import { badRequest, notFound } from "@/lib/errors";
import { downloadLinkLines } from "@/lib/files/download-mail-lines";
import { enqueueMail } from "@/lib/mail/mail-outbox-queries";
import { wakeMailWorker } from "@/lib/mail/mail-worker";

// A receipt by mail: the receipt link and the article's title, never its body. Only the
// payment's owner (its browser, or the signed-in user who holds that browser) may ask for one.

export const receiptEmailSchema = z.object({ email: z.email("email: expected an email address").max(254, "email: too long") }).strict();

export async function requestReceiptMail(paymentId: string, email: string, reader: Reader, origin: string): Promise<{ queued: boolean }> {
  const payment = await db().payment.findUnique({
    where: { id: paymentId },
    select: { buyerId: true, status: true, receiptToken: true, buyer: { select: { userId: true } }, article: { select: { title: true } } },
  });
  const owns = payment && ((payment.buyerId !== null && payment.buyerId === reader.buyerId) || (reader.userId !== null && payment.buyer?.userId === reader.userId));
  if (!payment || !owns) throw notFound("Unknown payment");
  if (payment.status !== "complete" || !payment.receiptToken || !payment.article) throw badRequest("This payment has no receipt yet", "no_receipt");
  const to = email.toLowerCase();
  const link = `${origin}/receipts/${payment.receiptToken}`;
  const title = payment.article.title;
  const downloads = await downloadLinkLines(paymentId, origin);
  const queued = await enqueueMail({
    idempotencyKey: `receipt:${paymentId}:${to}`,
    to,
    subject: `Your receipt: ${title}`,
    text: `Thank you for buying "${title}".\n\nYour private receipt link opens the article on any device:\n${link}\n\nAnyone with the link can read it, so keep it to yourself.\n${downloads.map((line) => `${line}\n`).join("")}`,
  });
  wakeMailWorker();
  return { queued };
}
