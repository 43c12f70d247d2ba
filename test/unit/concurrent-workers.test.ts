import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { NODE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { balanceMsats, ledgerImbalance, postJournal } from "@/lib/ledger/ledger-queries";
import { receiveWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet-receive";
import { enqueueMail } from "@/lib/mail/mail-outbox-queries";
import { sendDueMails } from "@/lib/mail/mail-worker";
import { requestWithdrawal } from "@/lib/withdrawals/request-withdrawal";
import { CLAIM_GRACE_MS, recoverWithdrawals } from "@/lib/withdrawals/withdrawal-recovery";
import { claimForSending } from "@/lib/withdrawals/withdrawal-queries";
import { waitFor } from "@/test/support/fixtures";
import { startSmtpSink, type SmtpSink } from "@/test/support/smtp-sink";
import { useFreshDatabase } from "@/test/support/test-database";

// The workers that run in every instance (or, for withdrawals, in the leader while another
// instance may be sending one a request just made), working on one database at the same time.

let smtp: SmtpSink;
afterAll(async () => smtp?.stop());
beforeEach(async () => {
  smtp ??= await startSmtpSink();
  await useFreshDatabase({ LIGHTNING_BACKEND: "dev", SMTP_URL: smtp.url, MAIL_MAX_ATTEMPTS: "3" });
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

  it("recovery leaves a withdrawal another instance claimed moments ago to that instance, and re-sends one claimed long ago", async () => {
    const userId = (await db().user.create({ data: {} })).id;
    await db().$transaction((tx) =>
      postJournal(tx, "payment:test-credit", [
        { account: NODE_ACCOUNT, kind: "received", amountMsats: -5_000_000n },
        { account: userAccount(userId), kind: "sale", amountMsats: 5_000_000n },
      ]),
    );
    const invoice = async () => (await receiveWithDevWallet({ amountMsats: 1_000_000n })).paymentRequest;
    const fresh = await requestWithdrawal({ userId, method: "invoice", paymentRequest: await invoice() });
    const stale = await requestWithdrawal({ userId, method: "invoice", paymentRequest: await invoice() });
    // Both claimed (requested -> in_flight) by "another instance" that has not reached the node yet.
    expect(await claimForSending(fresh)).toBe(true);
    expect(await claimForSending(stale)).toBe(true);
    // The other one's sender died long ago.
    await db().withdrawal.update({ where: { id: stale }, data: { sentAt: new Date(Date.now() - CLAIM_GRACE_MS - 1000) } });
    await recoverWithdrawals();
    await waitFor(async () => (await db().withdrawal.findUniqueOrThrow({ where: { id: stale } })).status === "paid");
    expect(await db().withdrawal.findUniqueOrThrow({ where: { id: fresh } })).toMatchObject({ status: "in_flight", finishedAt: null });
    expect(await balanceMsats(userId)).toBeLessThan(3_000_000n);
    expect(await ledgerImbalance()).toBe(0n);
  });
});
