import "server-only";
import { z } from "zod";
import { encodeLnurl } from "@/lib/auth/lnurl-auth";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { k1Schema } from "@/lib/http/identifiers";
import { balanceMsats } from "@/lib/ledger/ledger-queries";
import { qrSvg } from "@/lib/qr/qr-svg";
import { formatSats } from "@/lib/withdrawals/format-sats";
import { requestWithdrawal } from "@/lib/withdrawals/request-withdrawal";
import { createWithdrawLinkRow, findWithdrawLink, linkProblem, type WithdrawLinkRow } from "@/lib/withdrawals/withdraw-link-queries";
import { maxWithdrawableMsats, withdrawLimits } from "@/lib/withdrawals/withdrawal-limits";

// LNURL-withdraw (LUD-03). The account page shows a QR of the LNURL (bech32 of
// GET /api/lnurl/withdraw/<k1>); the wallet reads the withdrawRequest, makes an invoice for an
// amount within min/max, and calls the callback with k1 and pr. The code is the only credential
// (a wallet has no session), so it is 32 random bytes, single use, expiring, and bound to the
// user who made it: the withdrawal is always from that user's balance.

export const withdrawLinkUrl = (origin: string, k1: string) => `${origin}/api/lnurl/withdraw/${k1}`;

export async function createWithdrawLink(userId: string): Promise<WithdrawLinkRow> {
  const max = maxWithdrawableMsats(await balanceMsats(userId));
  if (max === 0n) throw new AppError(400, `Nothing to withdraw yet: the smallest withdrawal is ${formatSats(withdrawLimits().minMsats)} plus the routing fee reserve`, "insufficient_balance");
  return createWithdrawLinkRow(userId, max, getEnv().WITHDRAW_LINK_SECONDS);
}

export async function withdrawLinkView(link: WithdrawLinkRow, origin: string) {
  const lnurl = encodeLnurl(withdrawLinkUrl(origin, link.k1));
  return { k1: link.k1, lnurl, qrSvg: await qrSvg(`LIGHTNING:${lnurl}`), expiresAt: link.expiresAt.toISOString(), maxMsats: link.maxMsats.toString() };
}

async function usableLink(k1: string): Promise<WithdrawLinkRow> {
  const link = await findWithdrawLink(k1);
  const problem = linkProblem(link);
  if (problem) throw problem;
  return link!;
}

/** The LUD-03 withdrawRequest for a live code. */
export async function withdrawRequestFor(k1: string, origin: string) {
  const link = await usableLink(k1);
  const limits = withdrawLimits();
  const now = maxWithdrawableMsats(await balanceMsats(link.userId));
  const max = now < link.maxMsats ? now : link.maxMsats;
  if (max < limits.minMsats) throw new AppError(400, "Not enough balance to withdraw", "insufficient_balance");
  return {
    tag: "withdrawRequest",
    callback: `${withdrawLinkUrl(origin, link.k1)}/callback`,
    k1: link.k1,
    defaultDescription: `${getEnv().SITE_NAME} withdrawal`,
    minWithdrawable: Number(limits.minMsats),
    maxWithdrawable: Number(max),
  };
}

const callbackQuery = z.object({ k1: k1Schema, pr: z.string().trim().min(1, "pr is required").max(4000, "pr is too long") });

/** The wallet's callback: checks the code and the invoice, debits the balance; returns the withdrawal's id. */
export async function answerWithdrawCallback(pathK1: string, query: URLSearchParams): Promise<string> {
  const parsed = callbackQuery.safeParse({ k1: query.get("k1") ?? undefined, pr: query.get("pr") ?? undefined });
  if (!parsed.success) throw new AppError(400, parsed.error.issues[0]?.message ?? "k1 and pr are required", "invalid_callback");
  if (parsed.data.k1 !== pathK1) throw new AppError(400, "k1 does not match this withdraw link", "foreign_k1");
  const link = await usableLink(pathK1);
  return requestWithdrawal({ userId: link.userId, method: "lnurl", paymentRequest: parsed.data.pr, linkK1: link.k1 });
}
