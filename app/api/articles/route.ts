import { NextResponse } from "next/server";
import { z } from "zod";
import { createDraft } from "@/lib/articles/article-editing";
import { MAX_ARTICLE_JSON_BYTES, parseArticleCreate } from "@/lib/articles/article-input";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** A new draft: `{title, priceSats, slug?, teaser?, body?}` -> 201 `{id, slug}`. */
export const POST = route({ access: "author", maxBodyBytes: MAX_ARTICLE_JSON_BYTES }, async ({ user, json }) => {
  const created = await createDraft(user, parseArticleCreate(await json(z.unknown())));
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
});
