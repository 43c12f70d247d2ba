import { CopyButton } from "@/components/copy-button";
import { DevWalletLogin } from "@/components/auth/dev-wallet-login";
import { LightningQr } from "@/components/lightning-qr";
import { LoginWaiter } from "@/components/auth/login-waiter";
import { NodeSignatureForm } from "@/components/auth/node-signature-form";
import { RefreshOnce } from "@/components/paywall/refresh-once";
import type { PageChallenge } from "@/lib/auth/challenge-for-page";

type Props = { challenge: PageChallenge; action: "login" | "link"; callbackUrl: string; devWallet?: boolean };

const COOKIE_TEXT = {
  preparing: "Preparing your sign-in code…",
  noCookies: "Enable cookies to sign in: the sign-in is tied to this browser.",
};

// Rendered on the server: the QR code (SVG), the lightning: link and the LNURL text work before
// any script runs; the waiter (client) notices the wallet's answer, shows the key and asks.
export function LoginPanel({ challenge, action, callbackUrl, devWallet = false }: Props) {
  if (challenge.kind === "first-visit") return <RefreshOnce text={COOKIE_TEXT} />;
  if (challenge.kind === "no-cookies") return <p className="state unavailable">{COOKIE_TEXT.noCookies}</p>;
  if (challenge.kind === "refused") {
    return (
      <p className="state unavailable" data-testid="login-refused">
        {challenge.message}
      </p>
    );
  }
  const { k1, lnurl, qrSvg, expiresAt, nodeMessage } = challenge;
  const command = `lncli signmessage "${nodeMessage}"`;
  return (
    <div className="login" data-testid="login-panel" data-k1={k1}>
      <section className="paywall">
        <h2>{action === "login" ? "Scan with your Lightning wallet" : "Scan with the wallet to add"}</h2>
        <p className="muted">Any wallet with LNURL-auth works (Alby, Phoenix, Breez, Zeus, BlueWallet…). Nothing is paid.</p>
        <LightningQr value={lnurl} qrSvg={qrSvg} label="LNURL" copyLabel="Copy LNURL" testId="lnurl" rows={4}>
          {devWallet && action === "login" && <DevWalletLogin lnurl={lnurl} />}
          <LoginWaiter k1={k1} lnurl={lnurl} action={action} callbackUrl={callbackUrl} expiresAt={expiresAt} />
        </LightningQr>
      </section>
      <section className="paywall node-login">
        <h2>Or sign with your own LND node</h2>
        <p className="muted">
          Run this on your node and paste the signature below. This site&apos;s Lightning node checks the signature, and it must know your node: have a channel with it, or
          be connected to it as a peer, so that your node&apos;s announcement has reached it.
        </p>
        <pre className="command" data-testid="lncli-command">
          {command}
        </pre>
        <CopyButton text={command} label="Copy command" />
        <NodeSignatureForm k1={k1} action={action} />
      </section>
    </div>
  );
}
