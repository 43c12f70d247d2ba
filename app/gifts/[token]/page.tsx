import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { currentReader } from "@/lib/buyers/reader";
import { isAppError } from "@/lib/errors";
import { claimPageView } from "@/lib/gifts/claim-gift";

// Per request: what it says depends on who opens it. Opening it never claims it (link previews
// and mail scanners open links): only the form's POST does.
export const dynamic = "force-dynamic";
// same-origin, not no-referrer: the token stays off other sites, and the claim form's POST keeps
// its Origin header (no-referrer makes it "null", which the cross-site check refuses).
export const metadata: Metadata = { title: "A gift for you", robots: { index: false, follow: false }, referrer: "same-origin" };

type Props = { params: Promise<{ token: string }> };

export default async function GiftPage({ params }: Props) {
  const { token } = await params;
  const view = await claimPageView(token, await currentReader()).catch((error: unknown) => {
    if (isAppError(error) && error.status === 404) notFound();
    throw error;
  });
  const { gift, item, fromYou, claimedByYou } = view;
  return (
    <div className="prose" data-testid="gift-page">
      <h1>A gift for you</h1>
      <h2 data-testid="gift-title">{item?.title ?? "A gift"}</h2>
      {item && <p className="teaser">{item.teaser}</p>}
      {claimedByYou ? (
        <p className="state paid" data-testid="gift-state" data-state="yours">
          You claimed this gift on {gift.claimedAt!.toISOString().slice(0, 10)}.{" "}
          {item?.location && <Link href={item.location}>Open it</Link>}
        </p>
      ) : gift.claimedAt ? (
        <p className="state unavailable" data-testid="gift-state" data-state="claimed">
          This gift has already been claimed. A gift link works once: whoever claims it first gets it.
        </p>
      ) : (
        <>
          {fromYou && (
            <p className="note" data-testid="gift-own-warning" role="note">
              This is your gift link. Send it to the person you give it to: if you claim it yourself, it is used up and nobody else can.
            </p>
          )}
          <form method="post" action={`/api/gifts/${token}/claim`} data-testid="gift-claim-form">
            <p className="muted">Claiming it keeps it in this browser (and in your account, if you are signed in).</p>
            <button type="submit" className="button" data-testid="gift-claim">
              Claim
            </button>
          </form>
        </>
      )}
    </div>
  );
}
