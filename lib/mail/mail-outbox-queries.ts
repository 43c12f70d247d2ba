import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

// The durable mail outbox. Every state change is one conditional UPDATE, so two workers (or a
// worker and a restarted one) never both own a mail; SQL kept portable to PostgreSQL.

export type OutboxMail = { id: string; to: string; subject: string; text: string; html: string | null; attempts: number };

export type NewMail = { idempotencyKey: string; to: string; subject: string; text: string; html?: string };

/**
 * Queues a mail once per idempotency key; true when this call queued it, false when it already was.
 * Given a transaction client, the mail commits (or rolls back) with whatever that transaction does
 * (a receipt with the payment that completes it).
 */
export async function enqueueMail(mail: NewMail, now = new Date(), client: Prisma.TransactionClient = db()): Promise<boolean> {
  const inserted = await client.$executeRaw`
    INSERT INTO "MailOutbox" ("id", "idempotencyKey", "to", "subject", "text", "html", "status", "attempts", "nextAttemptAt", "createdAt")
    VALUES (${randomUUID()}, ${mail.idempotencyKey}, ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null}, 'queued', 0, ${now}, ${now})
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
  return inserted === 1;
}

/**
 * Claims the next due mail: a queued one whose time has come, or one left "sending" by a worker
 * that died (its lease ran out). The claim counts the attempt and holds the mail for leaseMs.
 */
export async function claimNextMail(now: Date, leaseMs: number): Promise<OutboxMail | null> {
  for (;;) {
    const [next] = await db().$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "MailOutbox"
       WHERE "status" IN ('queued', 'sending') AND "nextAttemptAt" <= ${now}
       ORDER BY "nextAttemptAt" LIMIT 1`;
    if (!next) return null;
    const claimed = await db().$executeRaw`
      UPDATE "MailOutbox" SET "status" = 'sending', "attempts" = "attempts" + 1, "nextAttemptAt" = ${new Date(now.getTime() + leaseMs)}
       WHERE "id" = ${next.id} AND "status" IN ('queued', 'sending') AND "nextAttemptAt" <= ${now}`;
    // Another worker took it between the two statements: look for the next one.
    if (claimed !== 1) continue;
    const [mail] = await db().$queryRaw<OutboxMail[]>`
      SELECT "id", "to", "subject", "text", "html", "attempts" FROM "MailOutbox" WHERE "id" = ${next.id}`;
    return mail ? { ...mail, attempts: Number(mail.attempts) } : null;
  }
}

export async function markMailSent(id: string, now = new Date()): Promise<void> {
  await db().$executeRaw`
    UPDATE "MailOutbox" SET "status" = 'sent', "sentAt" = ${now}, "lastError" = NULL WHERE "id" = ${id} AND "status" = 'sending'`;
}

/** A failed attempt: queued again at retryAt, or failed for good when retryAt is null. */
export async function markMailAttemptFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
  const reason = error.slice(0, 500);
  if (retryAt) {
    await db().$executeRaw`
      UPDATE "MailOutbox" SET "status" = 'queued', "nextAttemptAt" = ${retryAt}, "lastError" = ${reason} WHERE "id" = ${id} AND "status" = 'sending'`;
  } else {
    await db().$executeRaw`
      UPDATE "MailOutbox" SET "status" = 'failed', "lastError" = ${reason} WHERE "id" = ${id} AND "status" = 'sending'`;
  }
}
