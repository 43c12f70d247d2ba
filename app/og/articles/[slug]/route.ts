import { route } from "@/lib/http/route";
import { articlePreviewResponse } from "@/lib/previews/article-preview";

export const dynamic = "force-dynamic";

// The Open Graph / Twitter card image of a published article: title, authors, price, site name.
// Outside /articles/ so the proxy sets no buyer cookie on it; reads no cookie and no body.
export const GET = route(async ({ request, params }) => articlePreviewResponse(params.slug ?? "", request.headers.get("if-none-match")));
