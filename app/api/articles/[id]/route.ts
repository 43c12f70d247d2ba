import { NextResponse } from "next/server";
import { z } from "zod";
import { updateArticle } from "@/lib/articles/article-editing";
import { parseArticleId } from "@/lib/articles/article-id";
import { MAX_ARTICLE_JSON_BYTES, parseArticleUpdate } from "@/lib/articles/article-input";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Changes any of title, slug, teaser, body, priceSats of one's own article -> `{id, slug, status}`. */
export const PATCH = route(
  { access: "author", params: (raw) => ({ id: parseArticleId(raw.id ?? "") }), maxBodyBytes: MAX_ARTICLE_JSON_BYTES },
  async ({ user, params, json }) => {
    const input = parseArticleUpdate(await json(z.unknown()));
    return NextResponse.json(await updateArticle(user, params.id, input), { headers: { "Cache-Control": "no-store" } });
  },
);
