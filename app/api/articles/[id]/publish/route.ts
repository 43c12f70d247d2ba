import { NextResponse } from "next/server";
import { publishArticle } from "@/lib/articles/article-editing";
import { parseArticleId } from "@/lib/articles/article-id";
import { requireAuthor } from "@/lib/auth/current-user";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route<{ id: string }>(async (_request, { params }) => {
  const author = await requireAuthor();
  const id = parseArticleId((await params).id);
  return NextResponse.json(await publishArticle(author, id), { headers: { "Cache-Control": "no-store" } });
});
