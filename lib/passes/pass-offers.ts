import "server-only";
import { activePassOffer } from "@/lib/passes/pass-offer-queries";

/**
 * The passes the paywall offers, those on sale: each of the article's authors' (an author's pass
 * also covers the articles they co-wrote) and the site's.
 */
export async function passOffersFor(authors: Array<{ id: string; name: string }>) {
  const [site, ...own] = await Promise.all([activePassOffer(null), ...authors.map((author) => activePassOffer(author.id))]);
  return [
    ...authors.flatMap((author, index) => {
      const offer = own[index];
      return offer ? [{ ...offer, label: authors.length === 1 ? "the author's pass" : `${author.name}'s pass` }] : [];
    }),
    ...(site ? [{ ...site, label: "the site pass" }] : []),
  ];
}
