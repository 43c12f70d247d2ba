import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { enqueueMail } from "@/lib/mail/mail-outbox-queries";
import { sendDueMails } from "@/lib/mail/mail-worker";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { useFreshDatabase } from "@/test/support/test-database";

// The mail worker runs in every instance (the withdrawal worker only in the leader): three
// workers on one database at the same time must send each mail once.

let smtp: SmtpSink;
afterAll(async () => smtp?.stop());
beforeEach(async () => {
  smtp ??= await startSmtpSink();
  await useFreshDatabase({ SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: "3" });
}, 30_000);

describe("workers of several instances", { timeout: 30_000 }, () => {
  it("sends each outbox mail once when three mail workers run at the same time", async () => {
    const keys = Array.from({ length: 15 }, (_, index) => `worker-mail-${index}-${Date.now()}`);
    for (const key of keys) await enqueueMail({ idempotencyKey: key, to: `${key}@example.test`, subject: "Hello", text: "Hello there" });
    const sent = await Promise.all([sendDueMails(), sendDueMails(), sendDueMails()]);
    expect(sent.reduce((sum, count) => sum + count, 0)).toBe(keys.length);
    for (const key of keys) expect(smtp.mails.filter((mail) => mail.to.includes(`${key}@example.test`)), key).toHaveLength(1);
    expect(await db().mailOutbox.count({ where: { status: "sent", attempts: 1 } })).toBe(keys.length);
  });
});
