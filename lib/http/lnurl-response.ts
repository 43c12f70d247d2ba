import "server-only";
import { NextResponse } from "next/server";
import { isAppError } from "@/lib/errors";
import { errorMessage, log } from "@/lib/log";

// LNURL endpoints answer {"status":"OK"} or {"status":"ERROR","reason":...} (LUD-01/04), with
// the error's HTTP status so that plain HTTP clients see the failure too. Never a stack trace.
// An action that returns an object answers with it instead (a LUD-03 withdrawRequest).
export async function lnurlResponse(action: () => Promise<void | Record<string, unknown>>): Promise<NextResponse> {
  const headers = { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" };
  try {
    const body = await action();
    return NextResponse.json(body ?? { status: "OK" }, { headers });
  } catch (error) {
    if (isAppError(error)) return NextResponse.json({ status: "ERROR", reason: error.message }, { status: error.status, headers });
    log.error("lnurl endpoint failed", { reason: errorMessage(error) });
    return NextResponse.json({ status: "ERROR", reason: "Something went wrong on our side" }, { status: 500, headers });
  }
}
