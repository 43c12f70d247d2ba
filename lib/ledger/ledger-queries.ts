import "server-only";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { browserAccount, type EntryKind, userAccount } from "@/lib/ledger/accounts";

// The ledger's SQL. Entries are only ever inserted; a balance is a SUM over an account's entries.

export type LedgerLine = { account: string; kind: EntryKind; amountMsats: bigint };
export type JournalRefs = { paymentId?: string | null; withdrawalId?: string | null; articleId?: string | null; at?: Date };

/**
 * Posts one journal: lines on the same account and kind are merged, zero lines dropped, and the
 * rest must sum to zero (double entry). Posting the same journal twice fails on the unique
 * (journal, account, kind) index, which rolls back the caller's transaction: callers post only
 * after winning the conditional UPDATE that makes the event happen.
 */
export async function postJournal(tx: Prisma.TransactionClient, journal: string, lines: readonly LedgerLine[], refs: JournalRefs = {}) {
  const merged = new Map<string, LedgerLine>();
  for (const line of lines) {
    const key = `${line.account}\u0000${line.kind}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, amountMsats: seen.amountMsats + line.amountMsats } : { ...line });
  }
  const entries = [...merged.values()].filter((line) => line.amountMsats !== 0n);
  const sum = entries.reduce((acc, line) => acc + line.amountMsats, 0n);
  if (sum !== 0n) throw new Error(`journal ${journal} does not balance: off by ${sum} msats`);
  const at = refs.at ?? new Date();
  for (const line of entries) {
    await tx.$executeRaw`
      INSERT INTO "LedgerEntry" ("id", "journal", "account", "kind", "amountMsats", "paymentId", "withdrawalId", "articleId", "createdAt")
      VALUES (${randomUUID()}, ${journal}, ${line.account}, ${line.kind}, ${line.amountMsats}, ${refs.paymentId ?? null}, ${refs.withdrawalId ?? null}, ${refs.articleId ?? null}, ${at})`;
  }
}

/** A user's spendable balance in msats: their account plus those of the browsers they claimed. */
export async function balanceMsats(userId: string, client: Prisma.TransactionClient = db()): Promise<bigint> {
  const [row] = await client.$queryRaw<Array<{ total: bigint | number | null }>>`
    SELECT SUM("amountMsats") AS "total" FROM "LedgerEntry"
     WHERE "account" = ${userAccount(userId)}
        OR "account" IN (SELECT 'browser:' || "id" FROM "Buyer" WHERE "userId" = ${userId})`;
  return BigInt(row?.total ?? 0);
}

/** An anonymous browser's balance (upvote shares earned before signing in). */
export async function browserBalanceMsats(buyerId: string): Promise<bigint> {
  const [row] = await db().$queryRaw<Array<{ total: bigint | number | null }>>`
    SELECT SUM("amountMsats") AS "total" FROM "LedgerEntry" WHERE "account" = ${browserAccount(buyerId)}`;
  return BigInt(row?.total ?? 0);
}

/** Credits per kind for a user (dashboard: sales, upvotes, upvote shares, tips). */
export async function earningsByKind(userId: string): Promise<Partial<Record<EntryKind, bigint>>> {
  const rows = await db().$queryRaw<Array<{ kind: EntryKind; total: bigint | number }>>`
    SELECT "kind", SUM("amountMsats") AS "total" FROM "LedgerEntry"
     WHERE "account" = ${userAccount(userId)} OR "account" IN (SELECT 'browser:' || "id" FROM "Buyer" WHERE "userId" = ${userId})
     GROUP BY "kind"`;
  return Object.fromEntries(rows.map((row) => [row.kind, BigInt(row.total)]));
}

/** Sum of every entry ever posted: zero, or the books are broken (tests and /api/health check it). */
export async function ledgerImbalance(): Promise<bigint> {
  const [row] = await db().$queryRaw<Array<{ total: bigint | number | null }>>`SELECT SUM("amountMsats") AS "total" FROM "LedgerEntry"`;
  return BigInt(row?.total ?? 0);
}

/** What the node received for settled payments according to the ledger (the negated node debits). */
export async function ledgerReceivedMsats(): Promise<bigint> {
  const [row] = await db().$queryRaw<Array<{ total: bigint | number | null }>>`
    SELECT SUM("amountMsats") AS "total" FROM "LedgerEntry" WHERE "account" = 'node' AND "kind" = 'received'`;
  return -BigInt(row?.total ?? 0);
}
