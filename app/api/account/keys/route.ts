import { NextResponse } from "next/server";
import { z } from "zod";
import { requireUser } from "@/lib/auth/current-user";
import { linkAnsweredKey } from "@/lib/auth/link-key";
import { currentReader } from "@/lib/buyers/reader";
import { AppError } from "@/lib/errors";
import { readJson, route } from "@/lib/http/route";

const body = z.object({
  k1: z.string().regex(/^[0-9a-f]{64}$/, "k1 must be the 64-character challenge"),
  // The key the page showed and the person agreed to add.
  pubkey: z.string().regex(/^0[23][0-9a-f]{64}$/, "pubkey must be a compressed public key in hex").optional(),
});

// Confirms adding the key that answered this browser's add-a-key challenge (shown on the page).
export const POST = route(async (request) => {
  const user = await requireUser();
  const { k1, pubkey } = await readJson(request, body);
  const { buyerId } = await currentReader();
  if (!buyerId) throw new AppError(400, "Enable cookies: the challenge is tied to this browser", "no_browser");
  const linked = await linkAnsweredKey({ k1, pubkey, browserId: buyerId, userId: user.id });
  return NextResponse.json({ pubkey: linked.pubkey }, { status: 201 });
});
