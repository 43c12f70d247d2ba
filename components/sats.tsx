export function formatSats(sats: number): string {
  return `${sats.toLocaleString("en-US")} sat${sats === 1 ? "" : "s"}`;
}

export function Price({ sats }: { sats: number }) {
  return <span className="price">{sats === 0 ? "Free" : formatSats(sats)}</span>;
}
