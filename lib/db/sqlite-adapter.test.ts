import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { useFreshDatabase } from "@/test/support/test-database";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const buyers = async () => (await db().buyer.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((row) => row.id);

beforeEach(async () => {
  await useFreshDatabase();
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
