import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import type { Reader } from "@/lib/buyers/reader";
import { db } from "@/lib/db/client";
import { sqlDate, sqlInt } from "@/lib/db/sql-values";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/payments/paid-action";
import { type Cursor, olderThan, PAGE_QUERY_LIMIT, toPage } from "@/lib/pagination/keyset-cursor";

// Gift rows (lib/gifts/): written once when the giver's payment completes, claimed once by one
// conditional UPDATE. The token is the claim link's only secret.

export type GiftRow = {
  id: string;
  paymentId: string;
  token: string;
  kind: string;
  itemId: string;
  giverBuyerId: string | null;
  /** The account holding the giver's browser, if any. */
  giverUserId: string | null;
  createdAt: Date;
  claimedAt: Date | null;
  claimerBuyerId: string | null;
  claimerUserId: string | null;
  amountSats: number;
  receiptToken: string | null;
};

/** In the completing transaction of the giver's payment; a second call for it writes nothing. */
export async function insertGift(tx: Tx, gift: { paymentId: string; kind: string; itemId: string; giverBuyerId: string | null; at: Date }) {
  await tx.$executeRaw`
    INSERT INTO "Gift" ("id", "paymentId", "token", "kind", "itemId", "giverBuyerId", "createdAt")
    VALUES (${randomUUID()}, ${gift.paymentId}, ${randomBytes(32).toString("base64url")}, ${gift.kind}, ${gift.itemId}, ${gift.giverBuyerId}, ${gift.at})
    ON CONFLICT ("paymentId") DO NOTHING`;
}

type Where = { token: string } | { paymentId: string } | { receiptToken: string };

/** One gift with its payment, by its claim token, its payment, or its payment's receipt token. */
export async function findGift(where: Where): Promise<GiftRow | null> {
  const condition =
    "token" in where ? Prisma.sql`g."token" = ${where.token}` : "paymentId" in where ? Prisma.sql`g."paymentId" = ${where.paymentId}` : Prisma.sql`p."receiptToken" = ${where.receiptToken}`;
  const [row] = await db().$queryRaw<Array<Record<string, unknown>>>`
    SELECT g."id", g."paymentId", g."token", g."kind", g."itemId", g."giverBuyerId", giver."userId" AS "giverUserId", g."createdAt",
           g."claimedAt", g."claimerBuyerId", claimer."userId" AS "claimerUserId", p."amountSats", p."receiptToken"
      FROM "Gift" g JOIN "Payment" p ON p."id" = g."paymentId"
      LEFT JOIN "Buyer" giver ON giver."id" = g."giverBuyerId"
      LEFT JOIN "Buyer" claimer ON claimer."id" = g."claimerBuyerId"
     WHERE ${condition} AND p."status" = 'complete'`;
  return row ? toGift(row) : null;
}

function toGift(row: Record<string, unknown>): GiftRow {
  return {
    ...(row as Omit<GiftRow, "createdAt" | "claimedAt" | "amountSats">),
    createdAt: sqlDate(row.createdAt)!,
    claimedAt: sqlDate(row.claimedAt),
    amountSats: sqlInt(row.amountSats),
  };
}

/**
 * The claim itself: one conditional UPDATE, so of any number of concurrent claims exactly one
 * changes the row. The claimer's browser gets a Buyer row (as a payer's does) so signing in
 * later moves the gift into the account with the browser.
 */
export async function markClaimed(tx: Tx, giftId: string, buyerId: string, at: Date): Promise<boolean> {
  const changed = await tx.$executeRaw`
    UPDATE "Gift" SET "claimedAt" = ${at}, "claimerBuyerId" = ${buyerId} WHERE "id" = ${giftId} AND "claimedAt" IS NULL`;
  if (changed !== 1) return false;
  await tx.$executeRaw`INSERT INTO "Buyer" ("id", "createdAt") VALUES (${buyerId}, ${at}) ON CONFLICT ("id") DO NOTHING`;
  return true;
}

/** One page of the gifts the reader bought (this browser, or any browser of their account), newest first. */
export async function listSentGifts(reader: Pick<Reader, "buyerId" | "userId">, before: Cursor | null = null) {
  const givers = [
    ...(reader.buyerId ? [Prisma.sql`g."giverBuyerId" = ${reader.buyerId}`] : []),
    ...(reader.userId ? [Prisma.sql`g."giverBuyerId" IN (SELECT "id" FROM "Buyer" WHERE "userId" = ${reader.userId})`] : []),
  ];
  if (givers.length === 0) return { items: [], older: null };
  const rows = await db().$queryRaw<Array<Record<string, unknown>>>`
    SELECT g."id", g."paymentId", g."token", g."kind", g."itemId", g."giverBuyerId", NULL AS "giverUserId", g."createdAt",
           g."claimedAt", g."claimerBuyerId", NULL AS "claimerUserId", p."amountSats", p."receiptToken"
      FROM "Gift" g JOIN "Payment" p ON p."id" = g."paymentId"
     WHERE (${Prisma.join(givers, " OR ")}) ${olderThan(before, `g."createdAt"`, `g."id"`)}
     ORDER BY g."createdAt" DESC, g."id" DESC
     LIMIT ${PAGE_QUERY_LIMIT}`;
  return toPage(rows.map(toGift), (gift) => ({ at: gift.createdAt, id: gift.id }));
}
