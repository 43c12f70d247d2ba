import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { PaymentsUnavailable, PaywallFirstVisit } from "@/components/paywall/paywall";
import { PassInvoice } from "@/components/passes/pass-invoice";
import { heldPassUntil } from "@/lib/access/entitlement-queries";
import { passResource } from "@/lib/access/entitlements";
import { verifiedEmailOf } from "@/lib/auth/account-email";
import { currentReader } from "@/lib/buyers/reader";
import { ROW_ID } from "@/lib/http/identifiers";
import { devNodeAllowed } from "@/lib/lightning/lightning";
import { findPassOffer } from "@/lib/passes/pass-offer-queries";
import { passPaymentState } from "@/lib/passes/pass-purchase";
import { clientAddress } from "@/lib/security/client-address";

// Per request: the invoice belongs to this browser (its buyer cookie).
export const dynamic = "force-dynamic";

export default async function PassPage({ params }: { params: Promise<{ offerId: string }> }) {
  const { offerId } = await params;
  if (!ROW_ID.test(offerId)) notFound();
  const offer = await findPassOffer(offerId);
  if (!offer || !offer.active) notFound();
  const reader = await currentReader();
  const title = <h1>{offer.issuerId ? "Author pass" : "Site pass"}</h1>;
  if (!reader.buyerId) return <>{title}<PaymentsUnavailable message="Enable cookies to buy a pass: it is remembered by this browser." /></>;
  if (reader.freshBuyer) return <>{title}<PaywallFirstVisit amountSats={offer.priceSats} /></>;
  const [until, state, verifiedEmail] = await Promise.all([
    heldPassUntil(reader, passResource(offer.issuerId)),
    passPaymentState(offer.id, reader.buyerId, clientAddress(await headers())),
    verifiedEmailOf(reader.userId),
  ]);
  return (
    <>
      {title}
      {until && <PassHeld until={until} />}
      {state.kind === "waiting" ? (
        <PassInvoice {...state} days={offer.days} devWallet={devNodeAllowed()} verifiedEmail={verifiedEmail} />
      ) : (
        <PaymentsUnavailable message={state.kind === "paid" ? "Paid. Reload to renew." : state.message} state={state.kind === "busy" ? "busy" : "unavailable"} />
      )}
    </>
  );
}

// After paying, the page re-renders: it shows the pass and, below, the invoice to extend it.
function PassHeld({ until }: { until: Date }) {
  return (
    <p className="note" data-testid="pass-held">
      Your pass runs until {until.toISOString().slice(0, 10)}. Paying again extends it from then.
    </p>
  );
}
