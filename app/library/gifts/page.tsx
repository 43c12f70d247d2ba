import type { Metadata } from "next";
import { SentGiftList } from "@/components/gifts/sent-gift-list";
import { Pager } from "@/components/pager";
import { currentReader } from "@/lib/buyers/reader";
import { sentGifts } from "@/lib/gifts/gifts";
import { decodeCursor } from "@/lib/pagination/keyset-cursor";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your gifts", robots: { index: false }, referrer: "same-origin" };

type Props = { searchParams: Promise<{ before?: string | string[] }> };

// Every gift the reader bought, 20 a page (the library shows the newest page).
export default async function GiftsPage({ searchParams }: Props) {
  const before = decodeCursor((await searchParams).before);
  const { items, older } = await sentGifts(await currentReader(), await siteOrigin(), before);
  return (
    <div className="prose">
      <h1>Your gifts</h1>
      {items.length === 0 ? <p data-testid="gifts-empty">{before ? "No older gifts." : "No gifts bought yet."}</p> : <SentGiftList gifts={items} older={null} />}
      <Pager path="/library/gifts" older={older} isFirstPage={!before} />
    </div>
  );
}
