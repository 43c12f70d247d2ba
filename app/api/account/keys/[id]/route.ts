import { NextResponse } from "next/server";
import { requireUser } from "@/lib/auth/current-user";
import { removeKey } from "@/lib/auth/login-keys";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const DELETE = route<{ id: string }>(async (_request, { params }) => {
  const user = await requireUser();
  const { id } = await params;
  if (!/^[a-z0-9]{20,32}$/.test(id)) throw notFound("No such key on your account");
  await removeKey(user.id, id);
  return new NextResponse(null, { status: 204 });
});
