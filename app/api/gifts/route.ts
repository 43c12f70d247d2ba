import { NextResponse } from "next/server";
import { z } from "zod";
import { GIFT_KIND_NAMES } from "@/lib/gifts/gift-kinds";
import { startGift } from "@/lib/gifts/gifts";
import { route } from "@/lib/http/route";
import { ROW_ID } from "@/lib/http/identifiers";
import { clientAddress } from "@/lib/security/client-address";

export const dynamic = "force-dynamic";

const body = z.object({ kind: z.enum(GIFT_KIND_NAMES), id: z.string().regex(ROW_ID, "id must be an article or pass offer id") }).strict();

/**
 * Buy something as a gift, from this browser: `{kind: "article"|"pass", id}` answers
 * `{state: "waiting", paymentId, paymentRequest, paymentHash, expiresAt, amountSats, qrSvg}` (the
 * invoice panel's); asking again before paying returns the same invoice, after paying a new one.
 * 404 when it is not for sale.
 */
export const POST = route(async ({ request, json, reader }) => {
  const { kind, id } = await json(body);
  const started = await startGift(kind, id, await reader(), clientAddress(request.headers));
  return NextResponse.json(started, { headers: { "Cache-Control": "no-store" } });
});
