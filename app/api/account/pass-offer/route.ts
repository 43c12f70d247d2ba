import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { passTermsInput } from "@/lib/passes/pass-input";
import { activePassOffer, setPassOffer } from "@/lib/passes/pass-offer-queries";

// An author's all-access pass: price and length in days, or null to stop selling one.
export const GET = route({ access: "author" }, async ({ user }) => NextResponse.json({ offer: await activePassOffer(user.id) }));

export const PUT = route({ access: "author" }, async ({ user, json }) => {
  const { offer } = await json(passTermsInput);
  return NextResponse.json({ offer: await setPassOffer(user.id, offer) });
});
