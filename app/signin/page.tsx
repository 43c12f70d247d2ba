import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginPanel } from "@/components/auth/login-panel";
import { challengeForPage } from "@/lib/auth/challenge-for-page";
import { currentUser } from "@/lib/auth/current-user";
import { safeReturnPath } from "@/lib/http/safe-redirect";
import { devNodeAllowed } from "@/lib/lightning/lightning";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<{ callbackUrl?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const callbackUrl = safeReturnPath((await searchParams).callbackUrl, "/account");
  if (await currentUser()) redirect(callbackUrl);
  const challenge = await challengeForPage("login");
  return (
    <>
      <h1>Sign in</h1>
      <p className="muted">
        With your Lightning wallet: no email, no password. Before anything happens the page shows which key answered and asks you; purchases made in this browser move into your account only if you tick the box.
      </p>
      <LoginPanel challenge={challenge} action="login" callbackUrl={callbackUrl} devWallet={devNodeAllowed()} />
    </>
  );
}
