import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/lib/http/route";
import { requestWithdrawal } from "@/lib/withdrawals/request-withdrawal";
import { sendWithdrawal } from "@/lib/withdrawals/send-withdrawal";
import { findWithdrawal, userWithdrawals, type WithdrawalRow } from "@/lib/withdrawals/withdrawal-queries";

export const dynamic = "force-dynamic";

const body = z.object({ invoice: z.string().trim().min(1, "invoice: paste a BOLT11 invoice").max(4000, "invoice: too long") }).strict();
// How long the request waits for the payment's outcome before answering "in_flight" (202).
const WAIT_SECONDS = 20;

const view = (row: WithdrawalRow) => ({
  id: row.id,
  method: row.method,
  status: row.status,
  amountMsats: row.amountMsats.toString(),
  feeReserveMsats: row.feeReserveMsats.toString(),
  feeMsats: row.feeMsats?.toString() ?? null,
  failureReason: row.failureReason,
  createdAt: row.createdAt.toISOString(),
});

// Withdraw to a pasted BOLT11 invoice (its amount); answers with the withdrawal's state.
export const POST = route({ access: "user" }, async ({ user, json }) => {
  const { invoice } = await json(body);
  const id = await requestWithdrawal({ userId: user.id, method: "invoice", paymentRequest: invoice });
  await sendWithdrawal(id, { timeoutSeconds: WAIT_SECONDS });
  const row = (await findWithdrawal(id))!;
  return NextResponse.json(view(row), { status: row.status === "paid" || row.status === "failed" ? 200 : 202, headers: { "Cache-Control": "no-store" } });
});

export const GET = route({ access: "user" }, async ({ user }) => {
  const rows = await userWithdrawals(user.id);
  return NextResponse.json({ withdrawals: rows.map(view) }, { headers: { "Cache-Control": "no-store" } });
});
