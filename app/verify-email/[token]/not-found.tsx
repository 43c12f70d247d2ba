import Link from "next/link";

// A 404 for a verification link that is unknown, used or expired.
export default function VerificationLinkNotFound() {
  return (
    <div className="prose" data-testid="verify-email-invalid">
      <h1>This link cannot be used</h1>
      <p>This email verification link is unknown, already used, or expired (links last 24 hours).</p>
      <p>
        Ask for a new one on <Link href="/account">your account page</Link>.
      </p>
    </div>
  );
}
