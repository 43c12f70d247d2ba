import { lnurlResponse } from "@/lib/http/lnurl-response";
import { route } from "@/lib/http/route";
import { originFor } from "@/lib/site-origin";
import { payRequest } from "@/lib/tips/lnurl-pay";

export const dynamic = "force-dynamic";

// A Lightning Address (LUD-16): a wallet paying <name>@<host> starts here (LUD-06 payRequest).
export const GET = route(async ({ request, params }) => lnurlResponse(() => payRequest(params.name ?? "", originFor(request.headers))));
