import "server-only";
import type { NextRequest } from "next/server";
import { findAuthor } from "@/lib/articles/author-queries";
import { notFound } from "@/lib/errors";
import { matchesIfNoneMatch, weakEtag } from "@/lib/http/etag";
import { renderFeed, type FeedFormat, type FeedScope } from "@/lib/feeds/article-feed";
import { listFeedArticles } from "@/lib/feeds/feed-queries";
import { originFor } from "@/lib/site-origin";

const TYPES: Record<FeedFormat, string> = { rss: "application/rss+xml; charset=utf-8", atom: "application/atom+xml; charset=utf-8" };

// Feeds are the same for everyone (no cookie is read: a paying reader's feed is everyone's), so
// shared caches may keep them briefly; the ETag lets readers that poll often get a 304.
export const FEED_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=600";

/** The site's feed, or one author's (a 404 for anyone who does not write). */
export async function feedResponse(request: NextRequest, format: FeedFormat, authorId: string | null): Promise<Response> {
  let scope: FeedScope = { kind: "site" };
  if (authorId !== null) {
    const author = await findAuthor(authorId);
    if (!author) throw notFound("No such author");
    scope = { kind: "author", id: author.id, displayName: author.displayName };
  }
  const xml = renderFeed(format, scope, await listFeedArticles(authorId), originFor(request.headers));
  // Weak: the server may gzip the body, and a strong tag would then name other bytes.
  const etag = weakEtag(xml);
  const headers = { "Content-Type": TYPES[format], "Cache-Control": FEED_CACHE_CONTROL, ETag: etag, Vary: "Accept-Encoding" };
  if (matchesIfNoneMatch(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(request.method === "HEAD" ? null : xml, { headers });
}
