import type { MetadataRoute } from "next";
import { DISALLOWED_PATHS } from "@/lib/seo/robots-rules";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

export default async function robots(): Promise<MetadataRoute.Robots> {
  const origin = await siteOrigin();
  return { rules: { userAgent: "*", allow: "/", disallow: DISALLOWED_PATHS }, sitemap: `${origin}/sitemap.xml` };
}
