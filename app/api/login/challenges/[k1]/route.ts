import { NextResponse } from "next/server";
import { waitForAnswer } from "@/lib/auth/challenge-events";
import { challengeView } from "@/lib/auth/challenge-view";
import { voidChallenge } from "@/lib/auth/login-challenge-queries";
import { notFound } from "@/lib/errors";
import { K1 } from "@/lib/http/identifiers";
import { route } from "@/lib/http/route";

// Longest a `?wait=1` request is held open: under common proxy idle timeouts.
const LONG_POLL_MS = 25_000;

// A malformed k1 is answered like an unknown one.
const challengeParams = {
  params: (raw: Record<string, string>) => {
    if (!K1.test(raw.k1 ?? "")) throw notFound("Unknown login challenge");
    return { k1: raw.k1! };
  },
};

// Polled by the sign-in page: has a wallet answered this browser's challenge yet, and with which
// key? With ?wait=1 a still-waiting challenge holds the request until the answer arrives (or
// 25 s pass), so the page can show the key the moment the wallet calls back.
export const GET = route(challengeParams, async ({ request, params: { k1 }, reader }) => {
  const { buyerId } = await reader();
  let view = buyerId !== null ? await challengeView(k1, buyerId) : null;
  if (!view) throw notFound("Unknown login challenge");
  if (view.state === "waiting" && request.nextUrl.searchParams.get("wait") === "1") {
    await waitForAnswer(k1, LONG_POLL_MS, request.signal);
    view = (await challengeView(k1, buyerId!)) ?? view;
  }
  return NextResponse.json(view, { headers: { "Cache-Control": "no-store" } });
});

// "Not me: new code": the person refuses the key that answered; the challenge is void for good.
export const DELETE = route(challengeParams, async ({ params: { k1 }, reader }) => {
  const { buyerId } = await reader();
  if (!buyerId || !(await challengeView(k1, buyerId))) throw notFound("Unknown login challenge");
  await voidChallenge(k1, buyerId);
  return NextResponse.json({ state: "void" }, { headers: { "Cache-Control": "no-store" } });
});
