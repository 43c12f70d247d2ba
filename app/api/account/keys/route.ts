import { NextResponse } from "next/server";
import { z } from "zod";
import { linkAnsweredKey } from "@/lib/auth/link-key";
import { AppError } from "@/lib/errors";
import { k1Schema, pubkeySchema } from "@/lib/http/identifiers";
import { route } from "@/lib/http/route";

const body = z.object({
  k1: k1Schema,
  // The key the page showed and the person agreed to add.
  pubkey: pubkeySchema.optional(),
});

// Confirms adding the key that answered this browser's add-a-key challenge (shown on the page).
export const POST = route({ access: "user" }, async ({ user, json, reader }) => {
  const { k1, pubkey } = await json(body);
  const { buyerId } = await reader();
  if (!buyerId) throw new AppError(400, "Enable cookies: the challenge is tied to this browser", "no_browser");
  const linked = await linkAnsweredKey({ k1, pubkey, browserId: buyerId, userId: user.id });
  return NextResponse.json({ pubkey: linked.pubkey }, { status: 201 });
});
