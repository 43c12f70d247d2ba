import "server-only";
import type { Metadata } from "next";
import { type BylineAuthor, bylineOf, coAuthorBylines } from "@/lib/articles/article-bylines";
import type { PublicArticle } from "@/lib/articles/article-queries";
import { feedLinks } from "@/lib/feeds/feed-links";
import { PREVIEW_SIZE } from "@/lib/previews/article-preview";
import { priceLabel, satsText } from "@/lib/previews/price-label";
import { siteName } from "@/lib/site";

/**
 * Link-preview metadata of a published article (Open Graph and Twitter card): title, the teaser
 * as description, authors, price and the generated image. Built from the public fields only:
 * the page's head is the same whether or not the reader has paid.
 */
export async function articleMetadata(article: PublicArticle, origin: string, byline?: BylineAuthor[]): Promise<Metadata> {
  // The article page passes the byline it has (from its cached shell, lib/articles/article-shell.ts).
  const authors = byline ?? bylineOf(await coAuthorBylines([article.id]), article);
  const url = `${origin}/articles/${article.slug}`;
  // The version makes a changed title or price a new URL for the caches that keep images a day.
  const image = {
    url: `${origin}/og/articles/${article.slug}?v=${article.updatedAt.getTime().toString(36)}`,
    ...PREVIEW_SIZE,
    type: "image/png",
    alt: `${article.title}, by ${authors.map((author) => author.name).join(", ")}: ${priceLabel(article.priceSats)}`,
  };
  return {
    title: article.title,
    description: article.teaser,
    authors: authors.map((author) => ({ name: author.name, url: `${origin}/authors/${author.id}` })),
    // A page's alternates replace the layout's: the site's feed links go along.
    alternates: { canonical: url, ...feedLinks(siteName(), "") },
    openGraph: {
      type: "article",
      url,
      siteName: siteName(),
      title: article.title,
      description: article.teaser,
      publishedTime: article.publishedAt?.toISOString(),
      modifiedTime: article.updatedAt.toISOString(),
      authors: authors.map((author) => `${origin}/authors/${author.id}`),
      images: [image],
    },
    twitter: { card: "summary_large_image", title: article.title, description: article.teaser, images: [image] },
    other: {
      // Slack, Discord and others show these two label/value pairs under a card.
      "twitter:label1": "Price",
      "twitter:data1": article.priceSats > 0 ? satsText(article.priceSats) : "Free",
      "twitter:label2": authors.length > 1 ? "Authors" : "Author",
      "twitter:data2": authors.map((author) => author.name).join(", "),
    },
  };
}
