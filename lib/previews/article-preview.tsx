import "server-only";
import { ImageResponse } from "next/og";
import { ArticlePreviewImage, type ArticlePreviewFields } from "@/components/previews/article-preview-image";
import { coAuthorBylines, bylineOf } from "@/lib/articles/article-bylines";
import { findPublicArticle } from "@/lib/articles/article-queries";
import { notFound } from "@/lib/errors";
import { matchesIfNoneMatch, weakEtag } from "@/lib/http/etag";
import { clip, drawableText } from "@/lib/previews/og-text";
import { priceLabel } from "@/lib/previews/price-label";
import { siteName } from "@/lib/site";

export const PREVIEW_SIZE = { width: 1200, height: 630 } as const;

// Bumped when the picture's design changes, so ETags of old renderings stop matching.
const DESIGN_VERSION = "1";

// The image is the same for everyone and changes only with its fields (the URL carries ?v=),
// so caches may keep it a day; the ETag answers repeat fetches without drawing it again.
const CACHE_CONTROL = "public, max-age=86400, stale-while-revalidate=604800";

/**
 * The fields of a published article's preview image, or a 404 (unknown, draft, unpublished or
 * removed: nothing of those is previewed). Only public columns are read (findPublicArticle never
 * selects the body, and nothing here reads cookies), so the image is one for all readers.
 */
export async function articlePreviewFields(slug: string): Promise<ArticlePreviewFields> {
  const article = await findPublicArticle(slug);
  if (!article || article.status !== "visible") throw notFound("No such article");
  const authors = bylineOf(await coAuthorBylines([article.id]), article).map((author) => author.name);
  return {
    title: clip(drawableText(article.title), 110),
    authors: clip(drawableText(`by ${authors.join(", ")}`), 60),
    price: drawableText(priceLabel(article.priceSats)),
    site: clip(drawableText(siteName()), 50),
  };
}

/** The PNG (or a 304 when the client holds the same one). */
export async function articlePreviewResponse(slug: string, ifNoneMatch: string | null): Promise<Response> {
  const fields = await articlePreviewFields(slug);
  // From the drawing's inputs, so a repeat fetch gets its 304 without drawing.
  const etag = weakEtag(JSON.stringify([DESIGN_VERSION, fields]));
  const headers = { "Cache-Control": CACHE_CONTROL, ETag: etag };
  if (matchesIfNoneMatch(ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
  const image = new ImageResponse(<ArticlePreviewImage {...fields} />, { ...PREVIEW_SIZE, headers });
  // Drawn whole before answering, so a drawing failure is a clean error rather than a cut stream.
  const png = await image.arrayBuffer();
  return new Response(png, { headers: { ...headers, "Content-Type": "image/png" } });
}
