import "server-only";
import { db } from "@/lib/db/client";
import { greatest } from "@/lib/db/dialect";
import { sqlInt } from "@/lib/db/sql-values";
import { Prisma } from "@/lib/generated/prisma/client";

// The settle index the stream resumes from, per node (see SettlementCursor in the schema).
export async function readSettlementCursor(nodePubkey: string): Promise<number> {
  const [row] = await db().$queryRaw<Array<{ settleIndex: bigint }>>`
    SELECT "settleIndex" FROM "SettlementCursor" WHERE "nodePubkey" = ${nodePubkey}`;
  return row ? sqlInt(row.settleIndex) : 0;
}

/** Moves the cursor forward only: settlements replayed out of order never move it back. */
export async function advanceSettlementCursor(nodePubkey: string, settleIndex: number) {
  await db().$executeRaw`
    INSERT INTO "SettlementCursor" ("nodePubkey", "settleIndex", "updatedAt") VALUES (${nodePubkey}, ${settleIndex}, ${new Date()})
    ON CONFLICT ("nodePubkey") DO UPDATE SET "settleIndex" = ${greatest(Prisma.sql`"SettlementCursor"."settleIndex"`, Prisma.sql`excluded."settleIndex"`)}, "updatedAt" = excluded."updatedAt"`;
}
