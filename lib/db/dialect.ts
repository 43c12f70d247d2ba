import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

// The two databases the site runs on. Raw SQL is written to run on both; where the dialects
// differ, the query files take the piece from here instead of spelling either one.
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function isPostgres(): boolean {
  return isPostgresUrl(getEnv().DATABASE_URL);
}

/** The larger of two values: scalar MAX(a, b) on SQLite, GREATEST(a, b) on PostgreSQL. */
export function greatest(a: Prisma.Sql, b: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(isPostgres() ? "GREATEST" : "MAX")}(${a}, ${b})`;
}

/** Text of a group's values joined by `separator`: GROUP_CONCAT on SQLite, string_agg on PostgreSQL. */
export function groupConcat(value: Prisma.Sql, separator: string): Prisma.Sql {
  if (!/^[^']{1,4}$/.test(separator)) throw new Error("groupConcat: a short separator without quotes");
  return isPostgres() ? Prisma.sql`string_agg(${value}, ${Prisma.raw(`'${separator}'`)})` : Prisma.sql`GROUP_CONCAT(${value}, ${Prisma.raw(`'${separator}'`)})`;
}

type Tx = Prisma.TransactionClient;

/**
 * Runs `work` so that no other caller with the same key runs at the same time, across
 * processes. SQLite runs one write at a time anyway (a statement's subqueries see every earlier
 * write); PostgreSQL's concurrent statements each see their own snapshot, so a check-and-write
 * in one statement can race there: a transaction-level advisory lock orders them.
 */
export async function exclusively<T>(client: PrismaClient, key: string, work: (tx: Tx | PrismaClient) => Promise<T>): Promise<T> {
  if (!isPostgres()) return work(client);
  // Waiting for the pool and the lock under load can pass Prisma's 2 s / 5 s defaults.
  return client.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
      return work(tx);
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/**
 * Inside a transaction: waits until no other transaction holds `key`, and holds it until this one
 * ends. For a check-and-write spread over several statements (a balance read, then a debit):
 * under PostgreSQL's READ COMMITTED two transactions would both pass the check. SQLite runs one
 * write transaction at a time, so there it does nothing.
 */
export async function lockForTransaction(tx: Tx, key: string): Promise<void> {
  if (isPostgres()) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
}

/**
 * Runs `work` inside the transaction so that its failure undoes only its own writes. On
 * PostgreSQL a failed statement aborts the whole transaction (every later statement and the
 * COMMIT fail), so the step gets a SAVEPOINT and is rolled back to it; SQLite keeps the
 * transaction usable after a failed statement, so there it runs as is.
 */
export async function withSavepoint<T>(tx: Tx, name: string, work: () => Promise<T>): Promise<T> {
  if (!isPostgres()) return work();
  if (!/^[a-z_]{1,40}$/.test(name)) throw new Error("withSavepoint: a short lower-case name");
  await tx.$executeRaw`SAVEPOINT ${Prisma.raw(name)}`;
  try {
    const result = await work();
    await tx.$executeRaw`RELEASE SAVEPOINT ${Prisma.raw(name)}`;
    return result;
  } catch (error) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT ${Prisma.raw(name)}`;
    throw error;
  }
}
