import { lnurlResponse } from "@/lib/http/lnurl-response";
import { route } from "@/lib/http/route";
import { clientAddress } from "@/lib/security/client-address";
import { originFor } from "@/lib/site-origin";
import { tipInvoice } from "@/lib/tips/tip-callback";

export const dynamic = "force-dynamic";

// LNURL-pay callback (LUD-06): ?amount=<msats>[&comment=...] -> an invoice for a tip.
export const GET = route(async ({ request, params }) =>
  lnurlResponse(() => tipInvoice(params.name ?? "", request.nextUrl.searchParams, originFor(request.headers), clientAddress(request.headers))),
);
