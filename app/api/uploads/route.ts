import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { parseUploadQuery } from "@/lib/files/file-input";
import { uploadFile } from "@/lib/files/file-management";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * Uploads a file: the raw body is the file (streamed to storage, never buffered), the query says
 * what it is for: ?name=&articleId= attaches it to an article, ?name=&title=&priceSats= sells it
 * alone -> 201 `{file}`.
 */
export const POST = route({ access: "author", streamBody: true }, async ({ user, request }) => {
  const { name, target } = parseUploadQuery(request.nextUrl.searchParams, getEnv().MAX_PRICE_SATS);
  const file = await uploadFile(user, request, name, target);
  return NextResponse.json({ file }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
