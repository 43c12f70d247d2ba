// The link-preview card of an article (1200x630, drawn by next/og's ImageResponse): title,
// authors, price and the site's name. It takes only those public fields, never the body.
// Satori supports a subset of CSS: every element with children sets display: flex.

export type ArticlePreviewFields = { title: string; authors: string; price: string; site: string };

export function ArticlePreviewImage({ title, authors, price, site }: ArticlePreviewFields) {
  return (
    <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between", padding: "64px 72px", background: "#fbfaf7", color: "#1d1d1f" }}>
      <div style={{ display: "flex", alignItems: "center", fontSize: 34, color: "#5f5f66" }}>
        <div style={{ width: 28, height: 28, borderRadius: 14, background: "#f7931a", marginRight: 18 }} />
        {site}
      </div>
      <div style={{ display: "flex", fontSize: title.length > 60 ? 60 : 76, lineHeight: 1.12 }}>{title}</div>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", fontSize: 34 }}>
        <div style={{ display: "flex", color: "#5f5f66" }}>{authors}</div>
        <div style={{ display: "flex", padding: "10px 26px", borderRadius: 40, background: "#f7931a", color: "#1d1d1f" }}>{price}</div>
      </div>
    </div>
  );
}
