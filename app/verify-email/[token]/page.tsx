import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmailConfirmButton } from "@/components/account/email-confirm-button";
import { pendingVerification } from "@/lib/auth/account-email";

export const dynamic = "force-dynamic";
// The token is in the address: no search engine, and no Referer to whatever the page links to.
export const metadata: Metadata = { title: "Confirm your email address", robots: { index: false }, referrer: "no-referrer" };

// Opening the link verifies nothing (mail scanners fetch links): the Confirm button does, by POST.
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const email = await pendingVerification(token);
  if (!email) notFound();
  return (
    <div className="prose" data-testid="verify-email">
      <h1>Confirm your email address</h1>
      <p>
        Use <strong data-testid="verify-email-address">{email}</strong> for receipts from this site?
      </p>
      <EmailConfirmButton token={token} />
    </div>
  );
}
