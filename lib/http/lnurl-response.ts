import "server-only";
import { NextResponse } from "next/server";
import { isAppError } from "@/lib/errors";
import { errorMessage, log } from "@/lib/log";
import { isLightningUnavailable } from "@/lib/lightning/lightning";

// LNURL endpoints answer {"status":"OK"} or {"status":"ERROR","reason":...} (LUD-01/04), with
// the error's HTTP status so that plain HTTP clients see the failure too. Never a stack trace.
// An action that returns an object answers with it instead of {"status":"OK"} (LNURL-pay's
// payRequest and invoice, LUD-06; LNURL-withdraw's withdrawRequest, LUD-03).
export async function lnurlResponse(action: () => Promise<void | Record<string, unknown>>): Promise<NextResponse> {
  const headers = { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" };
  try {
    const body = await action();
    return NextResponse.json(body ?? { status: "OK" }, { headers });
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ status: "ERROR", reason: error.message }, { status: error.status, headers });
    if (isLightningUnavailable(error)) return NextResponse.json({ status: "ERROR", reason: "Lightning payments are unavailable right now" }, { status: 503, headers });
    log.error("lnurl endpoint failed", { reason: errorMessage(error) });
    return NextResponse.json({ status: "ERROR", reason: "Something went wrong on our side" }, { status: 500, headers });
  }
}
