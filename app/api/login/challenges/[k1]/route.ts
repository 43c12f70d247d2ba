import { NextResponse } from "next/server";
import { waitForAnswer } from "@/lib/auth/challenge-events";
import { challengeState } from "@/lib/auth/login-challenges";
import { currentReader } from "@/lib/buyers/reader";
import { notFound } from "@/lib/errors";
import { route } from "@/lib/http/route";

// Longest a `?wait=1` request is held open: under common proxy idle timeouts.
const LONG_POLL_MS = 25_000;

// Polled by the sign-in page: has a wallet answered this browser's challenge yet? With ?wait=1
// a still-waiting challenge holds the request until the answer arrives (or 25 s pass), so the
// page signs in the moment the wallet calls back.
export const GET = route<{ k1: string }>(async (request, { params }) => {
  const { k1 } = await params;
  const { buyerId } = await currentReader();
  const valid = /^[0-9a-f]{64}$/.test(k1) && buyerId !== null;
  let state = valid ? await challengeState(k1, buyerId) : null;
  if (!state) throw notFound("Unknown login challenge");
  if (state.state === "waiting" && request.nextUrl.searchParams.get("wait") === "1") {
    await waitForAnswer(k1, LONG_POLL_MS, request.signal);
    state = (await challengeState(k1, buyerId!)) ?? state;
  }
  return NextResponse.json(state, { headers: { "Cache-Control": "no-store" } });
});
