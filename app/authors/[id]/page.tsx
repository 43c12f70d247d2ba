import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleList } from "@/components/article-list";
import { TipAddressPanel } from "@/components/tips/tip-address-panel";
import { authorPath } from "@/lib/articles/author-queries";
import { cachedAuthorPage } from "@/lib/articles/cached-lists";
import { decodeCursor } from "@/lib/pagination/keyset-cursor";
import { feedLinks } from "@/lib/feeds/feed-links";
import { siteName } from "@/lib/site";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ before?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await cachedAuthorPage((await params).id, null, await siteOrigin());
  if (!found) return { title: "Not found" };
  const { author } = found;
  // This author's feeds first, then the site's (a page's alternates replace the layout's).
  const own = feedLinks(author.displayName, authorPath(author.id)).types;
  const site = feedLinks(siteName(), "").types;
  return {
    title: author.displayName,
    description: `Articles by ${author.displayName}`,
    alternates: { types: { "application/rss+xml": [...own["application/rss+xml"], ...site["application/rss+xml"]], "application/atom+xml": [...own["application/atom+xml"], ...site["application/atom+xml"]] } },
  };
}

export default async function AuthorPage({ params, searchParams }: Props) {
  const before = decodeCursor((await searchParams).before);
  const found = await cachedAuthorPage((await params).id, before, await siteOrigin());
  if (!found) notFound();
  const { author, page, tip } = found;
  return (
    <>
      <h1 data-testid="author-name">{author.displayName}</h1>
      {tip && !before && <TipAddressPanel displayName={author.displayName} {...tip} />}
      <ArticleList page={page} path={authorPath(author.id)} isFirstPage={!before} />
    </>
  );
}
