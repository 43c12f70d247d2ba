import { NextResponse } from "next/server";
import { z } from "zod";
import { answerWithNodeSignature } from "@/lib/auth/challenge-answers";
import { k1Schema } from "@/lib/http/identifiers";
import { route } from "@/lib/http/route";
import { siteOrigin } from "@/lib/site-origin";

const body = z.object({
  k1: k1Schema,
  // LND's zbase32 signature of a compact recoverable signature: 104 characters.
  signature: z
    .string()
    .trim()
    .regex(/^[ybndrfg8ejkmcpqxot1uwisza345h769]{100,110}$/, "Paste the whole signature printed by `lncli signmessage` (104 letters and digits)"),
});

// The `lncli signmessage` path: the site's node verifies the signature of the challenge.
export const POST = route(async ({ json, reader }) => {
  const { k1, signature } = await json(body);
  const [{ buyerId }, origin] = await Promise.all([reader(), siteOrigin()]);
  const { pubkey } = await answerWithNodeSignature({ k1, signature, host: new URL(origin).host, browserId: buyerId });
  return NextResponse.json({ state: "answered", pubkey });
});
