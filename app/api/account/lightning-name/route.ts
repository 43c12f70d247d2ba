import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/http/route";
import { lightningNameSchema, setLightningName } from "@/lib/tips/lightning-name";

// An author's Lightning Address name (<name>@<site host>); null removes the address.
const body = z.object({ lightningName: lightningNameSchema.nullable() }).strict();

export const PUT = route({ access: "author" }, async ({ user, json }) => {
  const { lightningName } = await json(body);
  await setLightningName(user.id, lightningName);
  return NextResponse.json({ lightningName });
});
