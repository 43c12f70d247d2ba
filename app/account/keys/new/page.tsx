import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginPanel } from "@/components/auth/login-panel";
import { challengeForPage } from "@/lib/auth/challenge-for-page";
import { currentUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Add a wallet", robots: { index: false } };

export default async function AddKeyPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/account/keys/new");
  const challenge = await challengeForPage("link", user.id);
  return (
    <>
      <h1>Add a wallet or node</h1>
      <p className="muted">Answer with the new wallet (or sign with the node); it will sign in to this same account. You keep your current keys until you remove them.</p>
      <LoginPanel challenge={challenge} action="link" callbackUrl="/account" />
    </>
  );
}
