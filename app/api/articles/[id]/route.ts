import { NextResponse } from "next/server";
import { z } from "zod";
import { updateArticle } from "@/lib/articles/article-editing";
import { parseArticleId } from "@/lib/articles/article-id";
import { MAX_ARTICLE_JSON_BYTES, parseArticleUpdate } from "@/lib/articles/article-input";
import { requireAuthor } from "@/lib/auth/current-user";
import { route, readJson } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Changes any of title, slug, teaser, body, priceSats of one's own article -> `{id, slug, status}`. */
export const PATCH = route<{ id: string }>(async (request, { params }) => {
  const author = await requireAuthor();
  const id = parseArticleId((await params).id);
  const input = parseArticleUpdate(await readJson(request, z.unknown()));
  return NextResponse.json(await updateArticle(author, id, input), { headers: { "Cache-Control": "no-store" } });
}, { maxBodyBytes: MAX_ARTICLE_JSON_BYTES });
