import { NextResponse } from "next/server";
import { parseArticleId } from "@/lib/articles/article-id";
import { restoreArticle } from "@/lib/articles/article-moderation";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route({ access: "admin", params: (raw) => ({ id: parseArticleId(raw.id ?? "") }) }, async ({ params }) =>
  NextResponse.json(await restoreArticle(params.id), { headers: { "Cache-Control": "no-store" } }),
);
