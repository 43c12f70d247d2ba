import { NextResponse } from "next/server";
import { accountEmailInput, setAccountEmail } from "@/lib/auth/account-email";
import { route } from "@/lib/http/route";
import { siteOrigin } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

// Sets the signed-in user's mail address (null removes it) and mails a verification link; 429
// within a minute of the last one.
export const PUT = route({ access: "user" }, async ({ user, json }) => {
  const { email } = await json(accountEmailInput);
  const result = await setAccountEmail(user.id, email, await siteOrigin());
  return NextResponse.json(result, { status: result.sent ? 202 : 200, headers: { "Cache-Control": "no-store" } });
});
