import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/current-user";
import { becomeAuthor } from "@/lib/auth/roles";
import { route } from "@/lib/http/route";

export const POST = route(async () => {
  const user = await requireUser();
  await becomeAuthor(user.id);
  return NextResponse.json({ ok: true });
});
