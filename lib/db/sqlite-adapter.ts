import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/**
 * Prisma's better-sqlite3 adapter runs an interactive transaction on its one connection and only
 * orders transactions against each other: a plain query from another request that arrives while
 * one is open runs inside it, and a write of that request is rolled back with it. Here a plain
 * query waits until no transaction is open (they last milliseconds: markSettled, a new account).
 * Code inside $transaction must use its `tx` client, never db() (it would wait on itself).
 */
export function serializedSqliteAdapter(url: string) {
  const factory = new PrismaBetterSQLite3({ url });
  return {
    provider: "sqlite" as const,
    adapterName: factory.adapterName,
    connect: async () => serialize(await factory.connect()),
    connectToShadowDb: async () => serialize(await factory.connectToShadowDb()),
  };
}

function serialize(inner: Adapter): Adapter {
  // Settled when the latest transaction (and every one before it) has ended.
  let idle: Promise<void> = Promise.resolve();
  const afterTransactions =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A) => {
      await idle;
      return call(...args);
    };
  const startTransaction = async (...args: Parameters<Adapter["startTransaction"]>): Promise<Transaction> => {
    const previous = idle;
    let end!: () => void;
    idle = new Promise<void>((resolve) => (end = resolve));
    await previous;
    let tx: Transaction;
    try {
      tx = await inner.startTransaction(...args);
    } catch (error) {
      end();
      throw error;
    }
    const finish = (call: () => Promise<void>) => async () => {
      try {
        await call();
      } finally {
        end();
      }
    };
    return Object.assign(Object.create(tx) as Transaction, { commit: finish(() => tx.commit()), rollback: finish(() => tx.rollback()) });
  };
  return Object.assign(Object.create(inner) as Adapter, {
    queryRaw: afterTransactions(inner.queryRaw.bind(inner)),
    executeRaw: afterTransactions(inner.executeRaw.bind(inner)),
    executeScript: afterTransactions(inner.executeScript.bind(inner)),
    startTransaction,
  });
}
