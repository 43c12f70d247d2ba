import "server-only";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { devToolsAllowed } from "@/lib/build-kind";
import { getEnv } from "@/lib/env";
import type { OutboxMail } from "@/lib/mail/mail-outbox-queries";

// Where mails go: the SMTP server of SMTP_URL, or (development without SMTP_URL) files in
// MAIL_DIR that /dev/mail lists. In production without SMTP_URL there is no transport: mails
// wait in the outbox until one is configured.

export type MailSender = (mail: OutboxMail) => Promise<void>;

// Well under the worker's 60 s lease, so a hung server cannot hold a mail past it.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

let smtp: { url: string; transporter: Transporter } | undefined;

export function mailSender(): MailSender | null {
  const env = getEnv();
  if (env.SMTP_URL) {
    if (smtp?.url !== env.SMTP_URL) smtp = { url: env.SMTP_URL, transporter: nodemailer.createTransport({ url: env.SMTP_URL, ...TIMEOUTS }) };
    const transporter = smtp.transporter;
    return async (mail) => {
      await transporter.sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined, messageId: `<${mail.id}@lightning-press>` });
    };
  }
  if (devToolsAllowed(env)) return (mail) => writeToFolder(mail, env.MAIL_FROM, env.MAIL_DIR);
  return null;
}

/** The development mail folder: one JSON file per mail (what /dev/mail shows). */
export function mailFolder(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), getEnv().MAIL_DIR);
}

async function writeToFolder(mail: OutboxMail, from: string, dir: string) {
  const folder = path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir);
  await mkdir(folder, { recursive: true });
  const sentAt = new Date().toISOString();
  const record = { id: mail.id, from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, sentAt };
  // The id in the name: a resend after a crash overwrites the same file. Written aside, then
  // renamed into place (atomic), so /dev/mail never reads half a mail.
  const file = path.join(folder, `${mail.id}.json`);
  await writeFile(`${file}.tmp`, JSON.stringify(record, null, 2));
  await rename(`${file}.tmp`, file);
}
