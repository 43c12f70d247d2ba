import { NextResponse } from "next/server";
import { replaceFile } from "@/lib/files/file-management";
import { parseFileId } from "@/lib/files/file-id";
import { badRequest } from "@/lib/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Replaces a file's bytes (raw body, ?name=): version + 1 -> `{file}`. */
export const PUT = route({ access: "author", streamBody: true, params: (raw) => ({ id: parseFileId(raw.id ?? "") }) }, async ({ user, request, params }) => {
  const name = request.nextUrl.searchParams.get("name") ?? "";
  if (name.trim() === "" || name.length > 1000) throw badRequest("Send the file's name as ?name=", "invalid_name");
  const file = await replaceFile(user, params.id, request, name);
  return NextResponse.json({ file }, { headers: { "Cache-Control": "no-store" } });
});
