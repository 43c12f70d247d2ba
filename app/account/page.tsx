import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionButton } from "@/components/action-button";
import { DisplayNameForm } from "@/components/account/display-name-form";
import { EmailForm } from "@/components/account/email-form";
import { LightningNameForm } from "@/components/tips/lightning-name-form";
import { currentUser } from "@/lib/auth/current-user";
import { anonymousPurchaseCount } from "@/lib/auth/browser-purchases";
import { accountEmail } from "@/lib/auth/email-verification-queries";
import { listKeys } from "@/lib/auth/login-key-queries";
import { currentReader } from "@/lib/buyers/reader";
import { getEnv } from "@/lib/env";
import { siteOrigin } from "@/lib/site-origin";
import { lightningNameOf } from "@/lib/tips/tip-queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your account", robots: { index: false } };

export default async function AccountPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/account");
  const { buyerId } = await currentReader();
  const [keys, browserPurchases, lightningName, email] = await Promise.all([
    listKeys(user.id),
    buyerId ? anonymousPurchaseCount(buyerId) : 0,
    lightningNameOf(user.id),
    accountEmail(user.id),
  ]);
  return (
    <div className="prose account" data-testid="account">
      <h1>Your account</h1>
      <p>
        Role: <strong data-testid="account-role">{user.role}</strong>
      </p>
      <DisplayNameForm initial={user.displayName} />
      <EmailForm email={email.email} verified={email.verified} />
      <p className="muted">Optional. Once you confirm it from the link we mail you, receipts of what you buy signed in go there by themselves.</p>

      <h2>Sign-in keys</h2>
      <p className="muted">
        Each key signs in to this account. Add your new wallet before you retire an old one; the last key cannot be removed. Removing a key ends every session
        it opened, so retiring a lost wallet signs it out everywhere.
      </p>
      <ul className="keys" data-testid="login-keys">
        {keys.map((key) => (
          <li key={key.id} data-pubkey={key.pubkey}>
            <code>{key.pubkey}</code> <span className="muted">({key.kind === "lnd" ? "LND node" : "LNURL-auth wallet"}, added {key.createdAt.toISOString().slice(0, 10)})</span>{" "}
            {keys.length > 1 && <ActionButton url={`/api/account/keys/${key.id}`} method="DELETE" label="Remove" confirm="Remove this key? It will no longer sign in, and every session it opened ends (this one too, if you signed in with it)." />}
          </li>
        ))}
      </ul>
      <Link className="button secondary" href="/account/keys/new">
        Add a wallet or node
      </Link>

      <h2>Reading and writing</h2>
      <p>
        <Link href="/account/money" data-testid="money-link">Your money</Link>: balance, earnings and withdrawals.
      </p>
      <p>
        <Link href="/library">Your library</Link>: every article you bought.
      </p>
      {browserPurchases > 0 && (
        <p data-testid="browser-purchases">
          This browser holds {browserPurchases} {browserPurchases === 1 ? "purchase" : "purchases"} made before you signed in; they open here but not on your other devices.{" "}
          <ActionButton url="/api/account/purchases" label="Move them into your account" testId="move-browser-purchases" />
        </p>
      )}
      {user.canWrite ? (
        <>
          <p>
            <Link href="/dashboard">Your dashboard</Link>: write, publish and see your sales.
          </p>
          <h3>Tips</h3>
          <p className="muted">Choose a name to receive tips from any Lightning wallet at this address (letters a-z, digits, &quot;-&quot;, &quot;_&quot; and &quot;.&quot;). It is shown on your author page.</p>
          <LightningNameForm initial={lightningName} host={new URL(await siteOrigin()).host} />
        </>
      ) : getEnv().OPEN_AUTHOR_SIGNUP === "1" ? (
        <p>
          Want to publish? <ActionButton url="/api/account/author" label="Become an author" then="/dashboard" testId="become-author" />
        </p>
      ) : null}

      <h2>Sign out</h2>
      <p className="muted">Signing out also forgets this browser&apos;s account purchases; they stay in your account. Purchases you did not move into it stay with this browser.</p>
      <ActionButton url="/api/account/sign-out" label="Sign out" then="/" testId="sign-out" />
    </div>
  );
}
