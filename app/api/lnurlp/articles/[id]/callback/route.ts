import { lnurlResponse } from "@/lib/http/lnurl-response";
import { route } from "@/lib/http/route";
import { clientAddress } from "@/lib/security/client-address";
import { originFor } from "@/lib/site-origin";
import { articleTipInvoice } from "@/lib/tips/article-tip";

export const dynamic = "force-dynamic";

// LNURL-pay callback (LUD-06): ?amount=<msats>[&comment=...] -> an invoice for a tip its authors share.
export const GET = route(async ({ request, params }) =>
  lnurlResponse(() => articleTipInvoice(params.id ?? "", request.nextUrl.searchParams, originFor(request.headers), clientAddress(request.headers))),
);
