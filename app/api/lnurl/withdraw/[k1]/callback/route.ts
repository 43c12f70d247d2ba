import { after } from "next/server";
import { lnurlResponse } from "@/lib/http/lnurl-response";
import { route } from "@/lib/http/route";
import { answerWithdrawCallback } from "@/lib/withdrawals/lnurl-withdraw";
import { sendWithdrawal } from "@/lib/withdrawals/send-withdrawal";

export const dynamic = "force-dynamic";

// LNURL-withdraw (LUD-03), step 2: the wallet sends its invoice. The balance is debited before
// the answer; the payment runs after answering OK (the wallet waits for it to arrive).
export const GET = route(async ({ request, params }) =>
  lnurlResponse(async () => {
    const id = await answerWithdrawCallback(params.k1 ?? "", request.nextUrl.searchParams);
    after(() => sendWithdrawal(id));
  }),
);
