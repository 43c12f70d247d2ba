import { NextResponse } from "next/server";
import { z } from "zod";
import { parseArticleId } from "@/lib/articles/article-id";
import { parseCoAuthors, setCoAuthors } from "@/lib/articles/co-authors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * The shares of one's own article: `{leadPercent, coAuthors: [{who, percent}]}` (who: user id,
 * Lightning Address or display name; whole percents summing to 100) -> `{authors: [...]}`.
 * `coAuthors: []` with `leadPercent: 100` makes the lead the only author again.
 */
export const PUT = route({ access: "author", params: (raw) => ({ id: parseArticleId(raw.id ?? "") }) }, async ({ user, params, json }) => {
  const authors = await setCoAuthors(user, params.id, parseCoAuthors(await json(z.unknown())));
  return NextResponse.json({ authors }, { headers: { "Cache-Control": "no-store" } });
});
