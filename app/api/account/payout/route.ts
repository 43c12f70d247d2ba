import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/http/route";
import { PAYOUT_ADDRESS } from "@/lib/withdrawals/payout-address";
import { setPayout } from "@/lib/withdrawals/payouts";

export const dynamic = "force-dynamic";

const body = z
  .object({
    payoutAddress: z.string().trim().toLowerCase().max(200).regex(PAYOUT_ADDRESS, "payoutAddress: a Lightning Address looks like name@example.com").nullable(),
    payoutThresholdSats: z.number().int("payoutThresholdSats: whole sats").min(1).max(2_000_000_000).nullable(),
  })
  .strict()
  .refine((value) => (value.payoutAddress === null) === (value.payoutThresholdSats === null), "Give both an address and a threshold, or neither to turn payouts off");

// Automatic payouts to a Lightning Address when the balance passes a threshold (or off: nulls).
export const PUT = route({ access: "user" }, async ({ user, json }) => {
  const settings = await json(body);
  return NextResponse.json(await setPayout(user.id, settings), { headers: { "Cache-Control": "no-store" } });
});
