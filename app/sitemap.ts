import type { MetadataRoute } from "next";
import { listSitemapPages } from "@/lib/seo/sitemap-queries";
import { siteOrigin } from "@/lib/site-origin";

// Rendered per request from the database (never at build time, where there is none).
export const dynamic = "force-dynamic";

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [origin, pages] = await Promise.all([siteOrigin(), listSitemapPages()]);
  return pages.map((page) => ({ url: `${origin}${page.path}`, ...(page.lastModified ? { lastModified: page.lastModified } : {}) }));
}
