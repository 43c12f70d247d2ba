import { lnurlResponse } from "@/lib/http/lnurl-response";
import { route } from "@/lib/http/route";
import { originFor } from "@/lib/site-origin";
import { articleTipPayRequest } from "@/lib/tips/article-tip";

export const dynamic = "force-dynamic";

// An article's tip (LUD-06 payRequest): the article page's LNURL-pay QR leads a wallet here.
export const GET = route(async ({ request, params }) => lnurlResponse(() => articleTipPayRequest(params.id ?? "", originFor(request.headers))));
