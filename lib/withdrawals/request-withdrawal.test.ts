import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { NODE_ACCOUNT, userAccount } from "@/lib/ledger/accounts";
import { balanceMsats, ledgerImbalance, postJournal } from "@/lib/ledger/ledger-queries";
import { receiveWithDevWallet } from "@/lib/lightning/dev-node/dev-wallet-receive";
import { requestWithdrawal } from "@/lib/withdrawals/request-withdrawal";
import { applyOutcome } from "@/lib/withdrawals/withdrawal-outcomes";
import { claimForSending } from "@/lib/withdrawals/withdrawal-queries";
import { useFreshDatabase } from "@/test/support/test-database";

// The request transaction and the outcome transitions on a real SQLite file and the dev node.
let userId: string;

async function credit(msats: bigint) {
  await db().$transaction((tx) =>
    postJournal(tx, `payment:test-${Math.random()}`, [
      { account: NODE_ACCOUNT, kind: "received", amountMsats: -msats },
      { account: userAccount(userId), kind: "sale", amountMsats: msats },
    ]),
  );
}
const invoice = async (sats: number) => (await receiveWithDevWallet({ amountMsats: BigInt(sats) * 1000n })).paymentRequest;

beforeEach(async () => {
  await useFreshDatabase({ LIGHTNING_BACKEND: "dev" });
  userId = (await db().user.create({ data: {} })).id;
});

describe("requesting a withdrawal", () => {
  it("lets only one of two simultaneous requests spend a balance that covers one", async () => {
    await credit(1_020_000n); // 1,000 sats + the 10 sat reserve, and a little
    const results = await Promise.allSettled([requestWithdrawal({ userId, method: "invoice", paymentRequest: await invoice(1000) }), requestWithdrawal({ userId, method: "invoice", paymentRequest: await invoice(1000) })]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 400, code: "insufficient_balance" });
    expect(await balanceMsats(userId)).toBe(10_000n);
    expect(await ledgerImbalance()).toBe(0n);
  });

  it("settles an outcome once: the same success or failure seen twice posts nothing more", async () => {
    await credit(5_000_000n);
    const paid = await requestWithdrawal({ userId, method: "invoice", paymentRequest: await invoice(1000) });
    expect(await claimForSending(paid)).toBe(true);
    expect(await claimForSending(paid)).toBe(false);
    const success = { status: "succeeded", feeMsats: 3000n, preimage: "00".repeat(32) } as const;
    await applyOutcome(paid, success);
    await applyOutcome(paid, success);
    await applyOutcome(paid, { status: "failed", reason: "late news" });
    expect(await balanceMsats(userId)).toBe(5_000_000n - 1_000_000n - 3000n);
    const failed = await requestWithdrawal({ userId, method: "invoice", paymentRequest: await invoice(2000) });
    await applyOutcome(failed, { status: "failed", reason: "no route" });
    await applyOutcome(failed, { status: "failed", reason: "no route" });
    await applyOutcome(failed, success);
    expect(await db().withdrawal.findUniqueOrThrow({ where: { id: failed } })).toMatchObject({ status: "failed", failureReason: "no route" });
    expect(await balanceMsats(userId)).toBe(5_000_000n - 1_000_000n - 3000n);
    expect(await ledgerImbalance()).toBe(0n);
    expect(await db().ledgerEntry.count({ where: { withdrawalId: { in: [paid, failed] } } })).toBe(4 + 3 + 4 + 3);
  });
});
