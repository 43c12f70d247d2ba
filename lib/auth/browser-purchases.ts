import "server-only";
import { db } from "@/lib/db/client";
import { newBuyerId } from "@/lib/buyers/reader-cookies";
import { claimBrowser } from "@/lib/buyers/claim-browser";

// What happens to a browser's buyer id (and so its purchases) when someone signs in on it.
// Purchases made anonymously move into the account only when the person ticks the box that
// says so: a sign-in the person did not mean (a code answered by an onlooker's wallet) must not
// hand the browser's purchases to someone else's account.

/** undefined: the browser has bought nothing; null: its purchases belong to no account yet. */
async function browserOwner(browserId: string): Promise<string | null | undefined> {
  const [row] = await db().$queryRaw<Array<{ userId: string | null }>>`SELECT "userId" FROM "Buyer" WHERE "id" = ${browserId}`;
  return row ? row.userId : undefined;
}

/** True when the browser's purchases were never moved into an account (they stay with it at sign-out). */
export async function browserKeepsOwnPurchases(browserId: string): Promise<boolean> {
  return (await browserOwner(browserId)) === null;
}

/** Completed purchases of this browser that belong to no account (what the checkbox would move). */
export async function anonymousPurchaseCount(browserId: string): Promise<number> {
  const [row] = await db().$queryRaw<Array<{ count: bigint }>>`
    SELECT COUNT(*) AS "count" FROM "Payment" p JOIN "Buyer" b ON b."id" = p."buyerId"
     WHERE p."buyerId" = ${browserId} AND b."userId" IS NULL AND p."status" = 'complete'`;
  return Number(row?.count ?? 0);
}

/**
 * At sign-in: a browser whose buyer id belongs to another account gets a new one (returned, for
 * the cookie), so this account neither sees nor inherits the other's purchases. An anonymous
 * browser's purchases move only with `move`; a browser without purchases joins the account.
 */
export async function settleBrowserAtSignIn(browserId: string, userId: string, move: boolean): Promise<{ newBuyerId?: string }> {
  const owner = await browserOwner(browserId);
  if (owner === userId) return {};
  if (owner) {
    const fresh = newBuyerId();
    await db().$executeRaw`INSERT INTO "Buyer" ("id", "userId", "createdAt") VALUES (${fresh}, ${userId}, ${new Date()})`;
    return { newBuyerId: fresh };
  }
  if (owner === null) {
    if (move) await claimBrowser(browserId, userId);
    return {};
  }
  // No purchases yet: future ones belong to the account. DO NOTHING keeps a purchase made in the
  // meantime with the browser (it was not confirmed for moving).
  await db().$executeRaw`
    INSERT INTO "Buyer" ("id", "userId", "createdAt") VALUES (${browserId}, ${userId}, ${new Date()}) ON CONFLICT ("id") DO NOTHING`;
  return {};
}

/** The explicit "move this browser's purchases into my account" button. */
export async function moveBrowserPurchases(browserId: string, userId: string): Promise<number> {
  const count = await anonymousPurchaseCount(browserId);
  await claimBrowser(browserId, userId);
  return count;
}
