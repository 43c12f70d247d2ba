import { NextResponse } from "next/server";
import { removeKey } from "@/lib/auth/login-key-queries";
import { notFound } from "@/lib/errors";
import { ROW_ID } from "@/lib/http/identifiers";
import { route } from "@/lib/http/route";

function parseKeyId(id = ""): string {
  if (!ROW_ID.test(id)) throw notFound("No such key on your account");
  return id;
}

export const DELETE = route({ access: "user", params: (raw) => ({ id: parseKeyId(raw.id) }) }, async ({ user, params }) => {
  await removeKey(user.id, params.id);
  return new NextResponse(null, { status: 204 });
});
