import "server-only";
import { db } from "@/lib/db/client";

/**
 * A browser that signs in becomes one of the user's buyers: what it bought anonymously shows in
 * the account's library and opens on every device the user signs in on. A browser already
 * claimed by another account stays with that account.
 */
export async function claimBrowser(browserId: string, userId: string) {
  await db().$executeRaw`
    INSERT INTO "Buyer" ("id", "userId", "createdAt") VALUES (${browserId}, ${userId}, ${new Date()})
    ON CONFLICT ("id") DO UPDATE SET "userId" = excluded."userId" WHERE "Buyer"."userId" IS NULL`;
}

/** undefined: the browser has bought nothing; null: its purchases belong to no account yet. */
export async function browserOwner(browserId: string): Promise<string | null | undefined> {
  const [row] = await db().$queryRaw<Array<{ userId: string | null }>>`SELECT "userId" FROM "Buyer" WHERE "id" = ${browserId}`;
  return row ? row.userId : undefined;
}

/** Completed purchases of this browser that belong to no account (what the checkbox would move). */
export async function anonymousPurchaseCount(browserId: string): Promise<number> {
  const [row] = await db().$queryRaw<Array<{ count: bigint }>>`
    SELECT COUNT(*) AS "count" FROM "Payment" p JOIN "Buyer" b ON b."id" = p."buyerId"
     WHERE p."buyerId" = ${browserId} AND b."userId" IS NULL AND p."status" = 'complete'`;
  return Number(row?.count ?? 0);
}

/** A buyer id for an account (a fresh one, or a browser joining it unless it exists already). */
export async function insertBuyer(buyerId: string, userId: string, options: { ifAbsent?: boolean } = {}) {
  if (options.ifAbsent) {
    await db().$executeRaw`INSERT INTO "Buyer" ("id", "userId", "createdAt") VALUES (${buyerId}, ${userId}, ${new Date()}) ON CONFLICT ("id") DO NOTHING`;
  } else {
    await db().$executeRaw`INSERT INTO "Buyer" ("id", "userId", "createdAt") VALUES (${buyerId}, ${userId}, ${new Date()})`;
  }
}
