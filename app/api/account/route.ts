import { NextResponse } from "next/server";
import { z } from "zod";
import { updateDisplayName } from "@/lib/auth/profile";
import { route } from "@/lib/http/route";

const body = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, "Enter a name")
    .max(60, "At most 60 characters")
    .regex(/^[^\u0000-\u001f<>]+$/, "No control characters or angle brackets"),
});

export const PATCH = route({ access: "user" }, async ({ user, json }) => {
  const { displayName } = await json(body);
  await updateDisplayName(user.id, displayName);
  return NextResponse.json({ displayName });
});
