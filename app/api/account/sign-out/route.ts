import { NextResponse } from "next/server";
import { SESSION_COOKIES } from "@/lib/auth/next-auth";
import { BUYER_COOKIE, RECEIPTS_COOKIE } from "@/lib/buyers/reader-cookies";
import { route } from "@/lib/http/route";

// Signing out also forgets this browser's anonymous purchases and receipts (they live on in the
// account), so the next person at a shared computer sees none of them.
export const POST = route(async () => {
  const response = NextResponse.json({ ok: true });
  for (const name of [...SESSION_COOKIES, BUYER_COOKIE, RECEIPTS_COOKIE]) {
    // Browsers only accept a __Secure- cookie (even an expired one) with the Secure flag.
    response.cookies.set(name, "", { path: "/", maxAge: 0, httpOnly: true, secure: name.startsWith("__Secure-") });
  }
  return response;
});
