import { NextResponse } from "next/server";
import { challengeState } from "@/lib/auth/login-challenges";
import { currentReader } from "@/lib/buyers/reader";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";

// Polled by the sign-in page: has a wallet answered this browser's challenge yet?
export const GET = route<{ k1: string }>(async (_request, { params }) => {
  const { k1 } = await params;
  const { buyerId } = await currentReader();
  const state = /^[0-9a-f]{64}$/.test(k1) && buyerId ? await challengeState(k1, buyerId) : null;
  if (!state) throw notFound("Unknown login challenge");
  return NextResponse.json(state, { headers: { "Cache-Control": "no-store" } });
});
