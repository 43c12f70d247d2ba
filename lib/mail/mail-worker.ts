import "server-only";
import { getEnv } from "@/lib/env";
import { errorMessage, log } from "@/lib/log";
import { claimNextMail, markMailAttemptFailed, markMailSent } from "@/lib/mail/mail-outbox-queries";
import { mailSender } from "@/lib/mail/mail-transport";
import { type PeriodicWorker, periodicWorkerStarted, startPeriodicWorker, wakePeriodicWorker } from "@/lib/jobs/periodic-worker";

// Sends the outbox (started once per server process from lib/startup.ts). Delivery is
// at-least-once: a crash after the SMTP server accepted a mail but before it is marked sent
// sends it again once its lease runs out; the idempotency key only stops it being queued twice.
const POLL_MS = 2000;
const LEASE_MS = 60_000;
const FIRST_RETRY_MS = 1000;


/** Delay before retrying after the given number of attempts: 1 s, 2 s, 4 s... up to the cap. */
export function mailRetryDelayMs(attempts: number, capSeconds: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), capSeconds * 1000);
}

/** Sends every due mail one by one; returns how many were sent. */
export async function sendDueMails(now = () => new Date()): Promise<number> {
  const send = mailSender();
  if (!send) return 0;
  const env = getEnv();
  let sent = 0;
  for (let mail = await claimNextMail(now(), LEASE_MS); mail; mail = await claimNextMail(now(), LEASE_MS)) {
    try {
      await send(mail);
      await markMailSent(mail.id, now());
      sent += 1;
    } catch (error) {
      const reason = errorMessage(error);
      const last = mail.attempts >= env.MAIL_MAX_ATTEMPTS;
      const retryAt = last ? null : new Date(now().getTime() + mailRetryDelayMs(mail.attempts, env.MAIL_RETRY_MAX_SECONDS));
      await markMailAttemptFailed(mail.id, reason, retryAt);
      log.warn(last ? "mail failed for good" : "mail not sent (will retry)", { mailId: mail.id, attempts: mail.attempts, reason });
      // The server is likely down for every mail: wait for the next tick instead of burning attempts.
      break;
    }
  }
  return sent;
}

const MAIL_WORKER = "mail worker";

export function startMailWorker(): PeriodicWorker {
  if (!periodicWorkerStarted(MAIL_WORKER) && !mailSender()) log.warn("mail: no SMTP_URL set; mails wait in the outbox until one is");
  return startPeriodicWorker(MAIL_WORKER, POLL_MS, sendDueMails);
}

export function wakeMailWorker() {
  wakePeriodicWorker(MAIL_WORKER);
}
