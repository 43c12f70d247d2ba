import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { originFor } from "@/lib/site-origin";
import { createWithdrawLink, withdrawLinkView } from "@/lib/withdrawals/lnurl-withdraw";

export const dynamic = "force-dynamic";

// A new LNURL-withdraw code for the signed-in user (earlier live ones are retired).
export const POST = route({ access: "user" }, async ({ user, request }) => {
  const link = await createWithdrawLink(user.id);
  return NextResponse.json(await withdrawLinkView(link, originFor(request.headers)), { status: 201, headers: { "Cache-Control": "no-store" } });
});
