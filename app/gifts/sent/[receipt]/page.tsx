import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SentGiftCard } from "@/components/gifts/sent-gift-card";
import { giftByReceipt } from "@/lib/gifts/gift-receipts";
import { sentGiftView } from "@/lib/gifts/gifts";
import { siteOrigin } from "@/lib/site-origin";

// The giver's receipt link of a gift (/receipts/<token> brings them here): the claim link and
// whether it was claimed. Whoever holds the receipt link is the giver; it grants nothing to read.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your gift", robots: { index: false, follow: false }, referrer: "same-origin" };

export default async function SentGiftPage({ params }: { params: Promise<{ receipt: string }> }) {
  const gift = await giftByReceipt((await params).receipt);
  if (!gift) notFound();
  const view = await sentGiftView(gift, await siteOrigin());
  return (
    <div className="prose" data-testid="gift-receipt-page">
      <h1>Your gift</h1>
      <SentGiftCard {...view} />
      <p>
        <Link href="/library">Your library</Link> lists every gift you bought in this browser (or account).
      </p>
    </div>
  );
}
