import { NextResponse } from "next/server";
import { isAppError } from "@/lib/errors";
import { claimGift } from "@/lib/gifts/claim-gift";
import { htmlResponse } from "@/lib/http/html-response";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * Claims a gift link for this browser. Only POST: opening the link (GET /gifts/<token>) never
 * claims. The claim page's form gets a 303 to the article (or pass page); a JSON caller
 * (Accept: application/json) gets `{claimed: true, already, location}`. Claimed by someone else:
 * 409 (an HTML page for the form, `{error}` for JSON); unknown or malformed token: 404.
 */
export const POST = route(async ({ request, params, reader }) => {
  const wantsJson = (request.headers.get("accept") ?? "").includes("application/json");
  const token = params.token ?? "";
  try {
    const { location, already } = await claimGift(token, await reader());
    if (wantsJson) return NextResponse.json({ claimed: true, already, location }, { headers: { "Cache-Control": "no-store" } });
    return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
  } catch (error) {
    if (wantsJson || !isAppError(error) || error.status >= 500) throw error;
    const title = error.status === 409 ? "Already claimed" : error.status === 404 ? "No such gift" : "Could not claim this gift";
    return htmlResponse(error.status, title, error.message, error.status === 404 ? { href: "/", text: "Go to the articles" } : { href: `/gifts/${encodeURIComponent(token)}`, text: "Back to the gift" });
  }
});
