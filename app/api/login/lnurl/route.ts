import type { NextRequest } from "next/server";
import { answerWithLnurl } from "@/lib/auth/challenge-answers";
import { lnurlResponse } from "@/lib/http/lnurl-response";

// LNURL-auth callback (LUD-04), called by the wallet: answers in the LNURL JSON format.
export async function GET(request: NextRequest) {
  return lnurlResponse(() => answerWithLnurl(request.nextUrl.searchParams));
}
