import { NextResponse } from "next/server";
import { currentUser } from "@/lib/auth/current-user";
import { route } from "@/lib/http/route";
import { checkHealth, hasHealthToken, publicHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/**
 * 200 when the database and the Lightning node answer, 503 otherwise. The public answer is only
 * `{status}`; admins and `Authorization: Bearer <HEALTH_TOKEN>` also get the details.
 */
export const GET = route(async ({ request }) => {
  const health = await checkHealth();
  const details = hasHealthToken(request.headers.get("authorization")) || (await currentUser())?.isAdmin === true;
  return NextResponse.json(details ? health : publicHealth(health), {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
});
