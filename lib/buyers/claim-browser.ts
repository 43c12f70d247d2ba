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
