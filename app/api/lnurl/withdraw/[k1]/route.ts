import { lnurlResponse } from "@/lib/http/lnurl-response";
import { route } from "@/lib/http/route";
import { originFor } from "@/lib/site-origin";
import { withdrawRequestFor } from "@/lib/withdrawals/lnurl-withdraw";

export const dynamic = "force-dynamic";

// LNURL-withdraw (LUD-03), step 1: the wallet reads what it may withdraw. Answers in LNURL form.
export const GET = route(async ({ request, params }) => lnurlResponse(() => withdrawRequestFor(params.k1 ?? "", originFor(request.headers))));
