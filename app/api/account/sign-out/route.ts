import { NextResponse } from "next/server";
import { browserKeepsOwnPurchases } from "@/lib/auth/browser-purchases";
import { SESSION_COOKIES } from "@/lib/auth/next-auth";
import { BUYER_COOKIE, RECEIPTS_COOKIE } from "@/lib/buyers/reader-cookies";
import { route } from "@/lib/http/route";

// Signing out forgets this browser's account purchases and receipts (they live on in the
// account), so the next person at a shared computer sees none of them. Purchases the person
// chose not to move into the account were never the account's: the browser keeps those.
export const POST = route(async ({ reader }) => {
  const { buyerId } = await reader();
  const keepBuyer = buyerId !== null && (await browserKeepsOwnPurchases(buyerId));
  const response = NextResponse.json({ ok: true });
  for (const name of [...SESSION_COOKIES, ...(keepBuyer ? [] : [BUYER_COOKIE]), RECEIPTS_COOKIE]) {
    // Browsers only accept a __Secure- cookie (even an expired one) with the Secure flag.
    response.cookies.set(name, "", { path: "/", maxAge: 0, httpOnly: true, secure: name.startsWith("__Secure-") });
  }
  return response;
});
