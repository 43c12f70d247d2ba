// npm run notify-buyers -- <article id | article slug | file id> [--send]
// Mails every buyer of the file(s) (of the article, or the file itself) that an update is
// available, with a fresh download link: once per buyer address and file version, so running it
// again (or after it was stopped halfway) mails nobody twice. It queues the mails in the outbox;
// the site's mail worker sends them (every 2 s while the site runs). --send also sends every due
// mail from here, for a site that is stopped.
import { disconnectDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { notifyBuyers, notifyTarget } from "@/lib/files/notify-buyers";
import { sendDueMails } from "@/lib/mail/mail-worker";
import { mailSender } from "@/lib/mail/mail-transport";

async function main() {
  const args = process.argv.slice(2);
  const send = args.includes("--send");
  const [target, ...rest] = args.filter((arg) => arg !== "--send");
  if (!target || rest.length > 0 || !/^[A-Za-z0-9_-]{1,200}$/.test(target)) {
    console.error("usage: npm run notify-buyers -- <article id | article slug | file id> [--send]");
    return 2;
  }
  const env = getEnv();
  const origin = env.SITE_URL ? new URL(env.SITE_URL).origin : `http://localhost:${process.env.PORT ?? "3000"}`;
  try {
    const files = await notifyTarget(target);
    const counts = await notifyBuyers(files, origin, (address) => console.log(`queued ${address}`));
    console.log(`files: ${counts.files}; queued: ${counts.queued}; already sent: ${counts.alreadySent}; without address: ${counts.withoutAddress}`);
    if (send) {
      if (!mailSender()) console.log("not sent now: no SMTP_URL (the mails wait in the outbox)");
      else console.log(`sent now: ${await sendDueMails()}`);
    } else {
      console.log("The site's mail worker sends them (run with --send to send them from here).");
    }
    return 0;
  } catch (error) {
    console.error(isAppError(error) ? `refused: ${error.message}` : `failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

main().then(async (code) => {
  await disconnectDb();
  process.exitCode = code;
});
