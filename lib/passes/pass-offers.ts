import "server-only";
import { activePassOffer } from "@/lib/passes/pass-offer-queries";

/** The passes the paywall offers: the article's author's and the site's, those on sale. */
export async function passOffersFor(authorId: string) {
  const [author, site] = await Promise.all([activePassOffer(authorId), activePassOffer(null)]);
  return [
    ...(author ? [{ ...author, label: "the author's pass" }] : []),
    ...(site ? [{ ...site, label: "the site pass" }] : []),
  ];
}
