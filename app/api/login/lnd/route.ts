import { NextResponse } from "next/server";
import { z } from "zod";
import { answerWithNodeSignature } from "@/lib/auth/challenge-answers";
import { currentReader } from "@/lib/buyers/reader";
import { readJson, route } from "@/lib/http/route";
import { siteOrigin } from "@/lib/site-origin";

const body = z.object({
  k1: z.string().regex(/^[0-9a-f]{64}$/, "k1 must be the 64-character challenge"),
  // LND's zbase32 signature of a compact recoverable signature: 104 characters.
  signature: z
    .string()
    .trim()
    .regex(/^[ybndrfg8ejkmcpqxot1uwisza345h769]{100,110}$/, "Paste the whole signature printed by `lncli signmessage` (104 letters and digits)"),
});

// The `lncli signmessage` path: the site's node verifies the signature of the challenge.
export const POST = route(async (request) => {
  const { k1, signature } = await readJson(request, body);
  const [{ buyerId }, origin] = await Promise.all([currentReader(), siteOrigin()]);
  const { pubkey } = await answerWithNodeSignature({ k1, signature, host: new URL(origin).host, browserId: buyerId });
  return NextResponse.json({ state: "answered", pubkey });
});
