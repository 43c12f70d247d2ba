import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ALLOWED_FROM, type WithdrawalMethod, type WithdrawalStatus } from "@/lib/withdrawals/withdrawal-status";

// The withdrawals' SQL, written for SQLite and PostgreSQL alike (no dialect-only syntax).
type Tx = Prisma.TransactionClient;

export type WithdrawalRow = {
  id: string;
  userId: string;
  method: WithdrawalMethod;
  status: WithdrawalStatus;
  paymentRequest: string;
  paymentHash: string;
  amountMsats: bigint;
  feeReserveMsats: bigint;
  feeMsats: bigint | null;
  failureReason: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

const COLUMNS = { id: true, userId: true, method: true, status: true, paymentRequest: true, paymentHash: true, amountMsats: true, feeReserveMsats: true, feeMsats: true, failureReason: true, createdAt: true, finishedAt: true } as const;

export async function insertWithdrawal(
  tx: Tx,
  row: { userId: string; method: WithdrawalMethod; paymentRequest: string; paymentHash: string; amountMsats: bigint; feeReserveMsats: bigint },
): Promise<string> {
  const id = randomUUID().replaceAll("-", "").slice(0, 25);
  const now = new Date();
  await tx.$executeRaw`
    INSERT INTO "Withdrawal" ("id", "userId", "method", "status", "paymentRequest", "paymentHash", "amountMsats", "feeReserveMsats", "createdAt", "updatedAt")
    VALUES (${id}, ${row.userId}, ${row.method}, 'requested', ${row.paymentRequest}, ${row.paymentHash}, ${row.amountMsats}, ${row.feeReserveMsats}, ${now}, ${now})`;
  return id;
}

export async function withdrawalByHash(tx: Tx, paymentHash: string): Promise<{ id: string } | null> {
  return tx.withdrawal.findUnique({ where: { paymentHash }, select: { id: true } });
}

export async function findWithdrawal(id: string, client: Tx = db()): Promise<WithdrawalRow | null> {
  return (await client.withdrawal.findUnique({ where: { id }, select: COLUMNS })) as WithdrawalRow | null;
}

/** requested -> in_flight; true when this caller won the right to send it. */
export async function claimForSending(id: string): Promise<boolean> {
  const [from] = ALLOWED_FROM.in_flight;
  const now = new Date();
  const changed = await db().$executeRaw`
    UPDATE "Withdrawal" SET "status" = 'in_flight', "sentAt" = ${now}, "updatedAt" = ${now} WHERE "id" = ${id} AND "status" = ${from}`;
  return changed === 1;
}

/** -> paid, from requested or in_flight; true when this call made the change. */
export async function markPaidRow(tx: Tx, id: string, feeMsats: bigint, preimage: string): Promise<boolean> {
  const [a, b] = ALLOWED_FROM.paid;
  const now = new Date();
  const changed = await tx.$executeRaw`
    UPDATE "Withdrawal" SET "status" = 'paid', "feeMsats" = ${feeMsats}, "preimage" = ${preimage}, "finishedAt" = ${now}, "updatedAt" = ${now}
     WHERE "id" = ${id} AND "status" IN (${a}, ${b})`;
  return changed === 1;
}

/** -> failed, from requested or in_flight; true when this call made the change. */
export async function markFailedRow(tx: Tx, id: string, reason: string): Promise<boolean> {
  const [a, b] = ALLOWED_FROM.failed;
  const now = new Date();
  const changed = await tx.$executeRaw`
    UPDATE "Withdrawal" SET "status" = 'failed', "failureReason" = ${reason.slice(0, 300)}, "finishedAt" = ${now}, "updatedAt" = ${now}
     WHERE "id" = ${id} AND "status" IN (${a}, ${b})`;
  return changed === 1;
}

/** Withdrawals not finished yet (requested or in flight), oldest first, a page at a time. */
export async function unfinishedWithdrawals(afterId: string | null, limit: number): Promise<WithdrawalRow[]> {
  return (await db().withdrawal.findMany({
    where: { status: { in: ["requested", "in_flight"] }, ...(afterId && { id: { gt: afterId } }) },
    select: COLUMNS,
    orderBy: { id: "asc" },
    take: limit,
  })) as WithdrawalRow[];
}

/** A user's withdrawals, newest first (the money page's history). */
export async function userWithdrawals(userId: string, limit = 50): Promise<WithdrawalRow[]> {
  return (await db().withdrawal.findMany({ where: { userId }, select: COLUMNS, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit })) as WithdrawalRow[];
}
