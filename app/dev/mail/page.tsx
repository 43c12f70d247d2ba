import { notFound } from "next/navigation";
import { devToolsAllowed } from "@/lib/build-kind";
import { getEnv } from "@/lib/env";
import { listFolderMails } from "@/lib/mail/mail-folder";

export const dynamic = "force-dynamic";

// Development only (like the dev wallet): the mails written to MAIL_DIR when no SMTP_URL is set.
export default async function DevMail() {
  const env = getEnv();
  if (!devToolsAllowed(env)) notFound();
  const mails = await listFolderMails();
  return (
    <div className="prose" data-testid="dev-mail">
      <h1>Development mail</h1>
      <p>
        {env.SMTP_URL ? "SMTP_URL is set: mails go to that server, not here." : `Mails written to ${env.MAIL_DIR} (no SMTP_URL set).`}
      </p>
      {mails.length === 0 && <p>No mail yet.</p>}
      {mails.map((mail) => (
        <section key={mail.id} data-testid="dev-mail-item">
          <h2>{mail.subject}</h2>
          <p className="meta">
            To {mail.to} · from {mail.from} · {mail.sentAt}
          </p>
          <pre>{mail.text}</pre>
        </section>
      ))}
    </div>
  );
}
