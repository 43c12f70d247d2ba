import { NextResponse } from "next/server";
import { z } from "zod";
import { createDraft } from "@/lib/articles/article-editing";
import { MAX_ARTICLE_JSON_BYTES, parseArticleCreate } from "@/lib/articles/article-input";
import { requireAuthor } from "@/lib/auth/current-user";
import { route, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** A new draft: `{title, priceSats, slug?, teaser?, body?}` -> 201 `{id, slug}`. */
export const POST = route(async (request) => {
  const author = await requireAuthor();
  const input = parseArticleCreate(await readJson(request, z.unknown()));
  const created = await createDraft(author, input);
  return NextResponse.json(created, { status: 201, headers: { "Cache-Control": "no-store" } });
}, { maxBodyBytes: MAX_ARTICLE_JSON_BYTES });
