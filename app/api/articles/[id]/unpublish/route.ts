import { NextResponse } from "next/server";
import { unpublishArticle } from "@/lib/articles/article-editing";
import { parseArticleId } from "@/lib/articles/article-id";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route({ access: "author", params: (raw) => ({ id: parseArticleId(raw.id ?? "") }) }, async ({ user, params }) =>
  NextResponse.json(await unpublishArticle(user, params.id), { headers: { "Cache-Control": "no-store" } }),
);
