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
export function serializedSqliteAdapter(url: string, synchronous: "normal" | "full" = "normal") {
  const factory = new PrismaBetterSQLite3({ url });
  return {
    provider: "sqlite" as const,
    adapterName: factory.adapterName,
    connect: async () => serialize(await withPragmas(await factory.connect(), synchronous)),
    connectToShadowDb: async () => serialize(await factory.connectToShadowDb()),
  };
}

/**
 * WAL, and with it synchronous=NORMAL: a commit no longer waits for an fsync (5-6 ms each on this
 * kind of disk, and better-sqlite3 waits on the event loop, so every request waits with it). In
 * WAL mode NORMAL never corrupts the file: a power cut (not a process crash, which loses nothing)
 * can take back the last commits, and the file comes back as they were before them. What such a
 * loss takes back is re-derived from the node: settlements are replayed from the settlement
 * cursor, which is rolled back with them. SQLITE_SYNCHRONOUS=full keeps the fsync per commit.
 * NORMAL without WAL (a database that cannot switch) could corrupt on a power cut: FULL there.
 */
async function withPragmas(inner: Adapter, synchronous: "normal" | "full"): Promise<Adapter> {
  await inner.executeScript("PRAGMA journal_mode = WAL");
  const mode = await inner.queryRaw({ sql: "PRAGMA journal_mode", args: [], argTypes: [] });
  const wal = String(mode.rows[0]?.[0]).toLowerCase() === "wal";
  await inner.executeScript(`PRAGMA synchronous = ${wal && synchronous === "normal" ? "NORMAL" : "FULL"}`);
  return inner;
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
