import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { serializedSqliteAdapter } from "@/lib/db/sqlite-adapter";
import { createSqliteDatabase, useFreshDatabase } from "@/test/support/test-database";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const buyers = async () => (await db().buyer.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);

beforeEach(async () => {
  await useFreshDatabase();
});

// The adapter itself on a SQLite file of its own (also when the suite runs on PostgreSQL).
async function pragmasOf(synchronous?: "normal" | "full") {
  const { url } = createSqliteDatabase("pragmas");
  const adapter = await serializedSqliteAdapter(url, synchronous).connect();
  const read = async (name: string) => String((await adapter.queryRaw({ sql: `PRAGMA ${name}`, args: [], argTypes: [] })).rows[0]![0]);
  try {
    return { journalMode: await read("journal_mode"), synchronous: await read("synchronous") };
  } finally {
    await adapter.dispose();
  }
}

describe("the SQLite connection's durability", () => {
  it("commits in WAL mode without an fsync per commit (synchronous=NORMAL) by default", async () => {
    expect(await pragmasOf()).toEqual({ journalMode: "wal", synchronous: "1" });
  });

  it("keeps an fsync per commit with SQLITE_SYNCHRONOUS=full", async () => {
    expect(await pragmasOf("full")).toEqual({ journalMode: "wal", synchronous: "2" });
  });
});

describe("the SQLite connection shared by every request", () => {
  it("keeps another request's write out of an open transaction: a rollback there does not take it along", async () => {
    const failing = db().$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "Buyer" ("id", "createdAt") VALUES ('b_in_transaction', ${new Date()})`;
      await pause(100);
      throw new Error("the settlement failed");
    });
    await pause(20);
    // Another request writes while the transaction is open.
    await db().$executeRaw`INSERT INTO "Buyer" ("id", "createdAt") VALUES ('b_other_request', ${new Date()})`;
    await expect(failing).rejects.toThrow("the settlement failed");
    expect(await buyers()).toEqual(["b_other_request"]);
  });

  it("commits transactions one after another and serves plain queries between them", async () => {
    const insert = (id: string) =>
      db().$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "Buyer" ("id", "createdAt") VALUES (${id}, ${new Date()})`;
        await pause(10);
      });
    await Promise.all([insert("b_1"), db().buyer.count(), insert("b_2"), db().$executeRaw`INSERT INTO "Buyer" ("id", "createdAt") VALUES ('b_3', ${new Date()})`]);
    expect(await buyers()).toEqual(["b_1", "b_2", "b_3"]);
  });
});
