import "server-only";
import { Feed } from "feed";
import type { FeedArticle } from "@/lib/feeds/feed-queries";
import { priceCategory, priceLabel } from "@/lib/previews/price-label";
import { siteName } from "@/lib/site";

export type FeedScope = { kind: "site" } | { kind: "author"; id: string; displayName: string };

export type FeedFormat = "rss" | "atom";

// Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/FFFF):
// one in a title would make the whole feed unparseable.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * The `feed` library puts titles and summaries in CDATA sections marked as HTML (Atom
 * type="html"; RSS readers treat them as HTML too), so the text is HTML-escaped first: a title
 * like `<b>&</b>` shows as written instead of becoming markup, and `]]>` cannot end the CDATA.
 */
export function htmlText(value: string): string {
  return value.replace(NOT_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Plain text for elements the library writes as XML text (author names): only what XML forbids goes. */
const xmlText = (value: string) => value.replace(NOT_XML, "");

/** One feed of published articles: title, teaser and price, a link and the authors; never the body. */
export function renderFeed(format: FeedFormat, scope: FeedScope, articles: FeedArticle[], origin: string): string {
  const name = siteName();
  const base = scope.kind === "site" ? "" : `/authors/${scope.id}`;
  const feed = new Feed({
    id: `${origin}${base}/`,
    title: xmlText(scope.kind === "site" ? name : `${scope.displayName} · ${name}`),
    description: scope.kind === "site" ? `Articles on ${name}, paid with Lightning` : `Articles by ${xmlText(scope.displayName)} on ${name}`,
    link: `${origin}${base || "/"}`,
    language: "en",
    // The feed changes when its newest item does (or, for an empty feed, never).
    updated: newest(articles),
    generator: false,
    copyright: `${name} and its authors`,
    feedLinks: { rss: `${origin}${base}/feed.xml`, atom: `${origin}${base}/atom.xml` },
  });
  for (const article of articles) {
    const link = `${origin}/articles/${article.slug}`;
    // Stable across slug changes, and not a URL anyone would click (RFC 4151 tag URI).
    const guid = `tag:${new URL(origin).hostname},2026:article:${article.id}`;
    feed.addItem({
      title: htmlText(article.title),
      id: guid,
      guid,
      link,
      // Atom's <updated>; RSS's pubDate is the publication below.
      date: article.updatedAt,
      published: article.publishedAt,
      description: htmlText(`${priceLabel(article.priceSats)}. ${article.teaser}`),
      author: article.authors.map((author) => ({ name: xmlText(author.name), link: `${origin}/authors/${author.id}` })),
      category: [{ name: priceCategory(article.priceSats), term: priceCategory(article.priceSats) }],
    });
  }
  return format === "rss" ? feed.rss2() : feed.atom1();
}

function newest(articles: FeedArticle[]): Date {
  const times = articles.map((article) => article.updatedAt.getTime());
  return new Date(times.length ? Math.max(...times) : 0);
}
