import { NextResponse } from "next/server";
import { parseArticleId } from "@/lib/articles/article-id";
import { startUpvote } from "@/lib/articles/upvotes";
import { route } from "@/lib/http/route";
import { clientAddress } from "@/lib/security/client-address";

export const dynamic = "force-dynamic";

/**
 * A paid upvote by this browser (anonymous or signed in): `{state: "waiting", paymentId,
 * paymentRequest, paymentHash, expiresAt, amountSats, qrSvg, split}`, the invoice the panel
 * shows; asking again before paying returns the same invoice. 410 for a removed article.
 */
export const POST = route({ params: (raw) => ({ id: parseArticleId(raw.id ?? "") }) }, async ({ request, params, reader }) => {
  const started = await startUpvote(params.id, await reader(), clientAddress(request.headers));
  return NextResponse.json(started, { headers: { "Cache-Control": "no-store" } });
});
