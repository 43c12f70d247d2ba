import { NextResponse } from "next/server";
import { parseArticleId } from "@/lib/articles/article-id";
import { restoreArticle } from "@/lib/articles/article-moderation";
import { requireAdmin } from "@/lib/auth/current-user";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (_request, { params }) => {
  await requireAdmin();
  const id = parseArticleId((await params).id);
  return NextResponse.json(await restoreArticle(id), { headers: { "Cache-Control": "no-store" } });
});
