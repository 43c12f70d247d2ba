import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionButton } from "@/components/action-button";
import { LightningQr } from "@/components/lightning-qr";
import { PayoutForm } from "@/components/account/payout-form";
import { WithdrawInvoiceForm } from "@/components/account/withdraw-invoice-form";
import { WithdrawalHistory } from "@/components/account/withdrawal-history";
import { currentUser } from "@/lib/auth/current-user";
import { siteOrigin } from "@/lib/site-origin";
import { formatSats } from "@/lib/withdrawals/format-sats";
import { moneyOverview } from "@/lib/withdrawals/money-overview";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your money", robots: { index: false } };

const KIND_LABEL: Record<string, string> = { sale: "Sales", tip: "Tips", upvote: "Upvotes", upvote_share: "Shares of later upvotes" };

export default async function MoneyPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?callbackUrl=/account/money");
  const money = await moneyOverview(user.id, await siteOrigin());
  return (
    <div className="prose account" data-testid="money">
      <h1>Your money</h1>
      <p>
        Balance: <strong data-testid="balance">{formatSats(money.balanceMsats)}</strong>
        <span className="muted"> (withdrawable now: {formatSats(money.withdrawableMsats)})</span>
      </p>
      <h2>Earnings</h2>
      <ul>
        {money.earnings.map(({ kind, msats }) => (
          <li key={kind}>
            {KIND_LABEL[kind]}: {formatSats(msats)}
          </li>
        ))}
      </ul>
      <h2>Withdraw</h2>
      <p className="muted">
        Between {formatSats(money.limits.minMsats)} and {formatSats(money.limits.maxMsats)} a time. While a payment is on its way, up to{" "}
        {money.limits.reservePercent.toString()}% (at least {formatSats(money.limits.reserveMinMsats)}) is held for the routing fee; what the fee does not use
        comes back, and a failed payment comes back whole.
      </p>
      <h3>With a wallet that scans (LNURL-withdraw)</h3>
      {money.link ? (
        <>
          <p className="muted">Scan with your wallet; this code works once, for up to {formatSats(BigInt(money.link.maxMsats))}, until {money.link.expiresAt.slice(11, 16)} UTC.</p>
          <LightningQr value={money.link.lnurl} qrSvg={money.link.qrSvg} label="LNURL" copyLabel="Copy LNURL" testId="withdraw-lnurl" rows={4} />
        </>
      ) : null}
      <ActionButton url="/api/account/withdraw-links" label={money.link ? "New code" : "Show a withdraw QR code"} testId="new-withdraw-link" />
      <h3>With an invoice</h3>
      <WithdrawInvoiceForm />
      <h3>Automatic payouts</h3>
      <PayoutForm address={money.payout.payoutAddress} thresholdSats={money.payout.payoutThresholdSats} />
      <h2>History</h2>
      <WithdrawalHistory rows={money.withdrawals} />
      <p>
        <Link href="/account">Back to your account</Link>
      </p>
    </div>
  );
}
