import { NextResponse } from "next/server";
import { becomeAuthor } from "@/lib/auth/roles";
import { route } from "@/lib/http/route";

export const POST = route({ access: "user" }, async ({ user }) => {
  await becomeAuthor(user.id);
  return NextResponse.json({ ok: true });
});
