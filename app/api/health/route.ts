import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/** 200 when the database and the Lightning node answer, 503 otherwise; JSON either way. */
export const GET = route(async () => {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
