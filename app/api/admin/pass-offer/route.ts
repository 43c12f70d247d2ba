import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { passTermsInput } from "@/lib/passes/pass-input";
import { activePassOffer, setPassOffer } from "@/lib/passes/pass-offer-queries";

// The site's all-access pass (every author's paid articles): price and days, or null for none.
export const GET = route({ access: "admin" }, async () => NextResponse.json({ offer: await activePassOffer(null) }));

export const PUT = route({ access: "admin" }, async ({ json }) => {
  const { offer } = await json(passTermsInput);
  return NextResponse.json({ offer: await setPassOffer(null, offer) });
});
