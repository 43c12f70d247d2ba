import { route } from "@/lib/http/route";
import { feedResponse } from "@/lib/feeds/feed-response";

export const dynamic = "force-dynamic";

// Atom of one author's newest published articles (404 for anyone who does not write).
export const GET = route(async ({ request, params }) => feedResponse(request, "atom", params.id ?? ""));
