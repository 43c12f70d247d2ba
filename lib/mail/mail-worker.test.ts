import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { claimNextMail, enqueueMail } from "@/lib/mail/mail-outbox-queries";
import { mailRetryDelayMs, sendDueMails } from "@/lib/mail/mail-worker";
import { freePort } from "@/test/support/site-server";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { useFreshDatabase } from "@/test/support/test-database";

// The outbox on a real SQLite file and a real SMTP server, with the clock passed in.

const mail = (key: string) => ({ idempotencyKey: key, to: `${key}@example.test`, subject: "Hello", text: "Hello there" });

describe("mail outbox", () => {
  let smtp: SmtpSink;
  afterAll(async () => smtp?.stop());

  beforeEach(async () => {
    smtp ??= await startSmtpSink();
  });

  it("queues a mail once per idempotency key and sends it", async () => {
    await useFreshDatabase({ SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: "3", MAIL_RETRY_MAX_SECONDS: "3" });
    expect(await enqueueMail(mail("once"))).toBe(true);
    expect(await enqueueMail({ ...mail("once"), subject: "Again" })).toBe(false);
    expect(await db().mailOutbox.count()).toBe(1);
    expect(await sendDueMails()).toBe(1);
    expect(await sendDueMails()).toBe(0);
    expect(smtp.mails.filter((received) => received.to.includes("once@example.test"))).toHaveLength(1);
    expect((await db().mailOutbox.findFirstOrThrow()).status).toBe("sent");
  });

  it("retries with exponential backoff up to the cap and gives up after MAIL_MAX_ATTEMPTS", async () => {
    await useFreshDatabase({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}`, MAIL_MAX_ATTEMPTS: "3", MAIL_RETRY_MAX_SECONDS: "3" });
    const t0 = Date.now();
    const at = (ms: number) => () => new Date(t0 + ms);
    await enqueueMail(mail("down"), new Date(t0));
    const row = () => db().mailOutbox.findFirstOrThrow();

    expect(await sendDueMails(at(0))).toBe(0);
    expect(await row()).toMatchObject({ status: "queued", attempts: 1, nextAttemptAt: new Date(t0 + 1000) });
    expect((await row()).lastError).toBeTruthy();
    await sendDueMails(at(999));
    expect((await row()).attempts).toBe(1);
    await sendDueMails(at(1000));
    expect(await row()).toMatchObject({ status: "queued", attempts: 2, nextAttemptAt: new Date(t0 + 3000) });
    await sendDueMails(at(3000));
    expect(await row()).toMatchObject({ status: "failed", attempts: 3 });
    await sendDueMails(at(60_000));
    expect((await row()).attempts).toBe(3);
    expect([1, 2, 3, 4, 20].map((attempts) => mailRetryDelayMs(attempts, 3))).toEqual([1000, 2000, 3000, 3000, 3000]);
  });

  it("gives a claimed mail to one worker only, and back to the queue when its worker died (lease over)", async () => {
    await useFreshDatabase({ SMTP_URL: smtp.url });
    const now = new Date();
    await enqueueMail(mail("lease"), now);
    const claims = await Promise.all([claimNextMail(now, 60_000), claimNextMail(now, 60_000)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    // The worker holding it "crashes": nobody marks it; before the lease ends nobody else takes it.
    expect(await claimNextMail(new Date(now.getTime() + 59_999), 60_000)).toBeNull();
    const again = await claimNextMail(new Date(now.getTime() + 60_000), 60_000);
    expect(again).toMatchObject({ to: "lease@example.test", attempts: 2 });
  });

  it("in a production build without SMTP_URL sends nothing (no mail folder there) and keeps the mail queued", async () => {
    await useFreshDatabase({ SMTP_URL: "", DEV_NODE_IN_PRODUCTION: "0", LP_BUILD: "production" });
    try {
      await enqueueMail(mail("kept"));
      expect(await sendDueMails()).toBe(0);
      expect(await db().mailOutbox.findFirstOrThrow()).toMatchObject({ status: "queued", attempts: 0 });
    } finally {
      delete process.env.LP_BUILD;
      delete process.env.DEV_NODE_IN_PRODUCTION;
    }
  });
});
