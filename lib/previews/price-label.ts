// How feeds, link previews and the preview image state an article's price (public information).

export function satsText(sats: number): string {
  return `${sats.toLocaleString("en-US")} sat${sats === 1 ? "" : "s"}`;
}

/** "Paid article: 1,000 sats" or "Free article". */
export function priceLabel(sats: number): string {
  return sats > 0 ? `Paid article: ${satsText(sats)}` : "Free article";
}

/** The feed category: readers filter on it. */
export function priceCategory(sats: number): "Paid" | "Free" {
  return sats > 0 ? "Paid" : "Free";
}
