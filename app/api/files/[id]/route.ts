import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { fileUpdateSchema } from "@/lib/files/file-input";
import { changeFile } from "@/lib/files/file-management";
import { parseFileId } from "@/lib/files/file-id";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const options = { access: "author" as const, params: (raw: Record<string, string>) => ({ id: parseFileId(raw.id ?? "") }) };

/** Changes any of title, priceSats (files sold alone), status (draft | visible | removed) -> `{file}`. */
export const PATCH = route(options, async ({ user, params, json }) => {
  const fields = await json(fileUpdateSchema(getEnv().MAX_PRICE_SATS));
  return NextResponse.json({ file: await changeFile(user, params.id, fields) }, { headers: { "Cache-Control": "no-store" } });
});

/** Removes a file from sale (status removed; its buyers keep what they bought) -> `{file}`. */
export const DELETE = route(options, async ({ user, params }) =>
  NextResponse.json({ file: await changeFile(user, params.id, { status: "removed" }) }, { headers: { "Cache-Control": "no-store" } }),
);
