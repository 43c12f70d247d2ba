import Link from "next/link";
import { SentGiftCard } from "@/components/gifts/sent-gift-card";
import type { SentGift } from "@/components/invoice/invoice-api";

/** The gifts a reader bought, in the library: each with its claim link and status. */
export function SentGiftList({ gifts, older }: { gifts: SentGift[]; older: string | null }) {
  if (gifts.length === 0) return null;
  return (
    <section aria-labelledby="gifts-heading" data-testid="sent-gifts">
      <h2 id="gifts-heading">Gifts you bought</h2>
      <ul className="library">
        {gifts.map((gift) => (
          <li key={gift.paymentId}>
            <SentGiftCard {...gift} />
          </li>
        ))}
      </ul>
      {older && (
        <p>
          <Link href={`/library/gifts?before=${older}`} data-testid="older-gifts">
            Older gifts →
          </Link>
        </p>
      )}
    </section>
  );
}
