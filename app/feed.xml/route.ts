import { route } from "@/lib/http/route";
import { feedResponse } from "@/lib/feeds/feed-response";

export const dynamic = "force-dynamic";

// RSS 2.0 of the site's newest published articles: teasers and prices, never a body, no cookies read.
export const GET = route(async ({ request }) => feedResponse(request, "rss", null));
