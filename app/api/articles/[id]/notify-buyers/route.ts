import { NextResponse } from "next/server";
import { parseArticleId } from "@/lib/articles/article-id";
import { notifyBuyersAsOwner } from "@/lib/files/notify-buyers";
import { route } from "@/lib/http/route";
import { wakeMailWorker } from "@/lib/mail/mail-worker";
import { originFor } from "@/lib/site-origin";

export const dynamic = "force-dynamic";

// "Mail buyers" for every file of an article: only its lead author; answers with the counts.
export const POST = route({ access: "author", params: (raw) => ({ id: parseArticleId(raw.id ?? "") }) }, async ({ request, user, params }) => {
  const counts = await notifyBuyersAsOwner("article", params.id, user.id, originFor(request.headers));
  wakeMailWorker();
  return NextResponse.json(counts, { headers: { "Cache-Control": "no-store" } });
});
