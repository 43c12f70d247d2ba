import "server-only";
import { authorTag, invalidatePages } from "@/lib/cache/page-cache";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

// An author's Lightning Address is <name>@<site host> (LUD-16). The name is what wallets send
// back in the .well-known path, so it follows LUD-16's alphabet exactly: lower case a-z, 0-9,
// "-", "_" and ".". A few names are kept back so that nobody can pose as the site itself, and
// "articles", whose callback path would be an article tip's (/api/lnurlp/articles/<id>).

export const LIGHTNING_NAME = /^[a-z0-9._-]{1,64}$/;
const RESERVED = new Set(["admin", "administrator", "root", "www", "api", "lnurlp", "site", "support", "help", "info", "postmaster", "webmaster", "abuse", "security", "noreply", "no-reply", "tips", "wallet", "articles"]);

/** What an author may choose: trimmed and lower-cased, then checked (a clear message for each refusal). */
export const lightningNameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter a name")
  .max(64, "At most 64 characters")
  .regex(LIGHTNING_NAME, "Use only a-z, 0-9, '-', '_' and '.'")
  .refine((name) => !/^[.]|[.]$|\.\./.test(name), "No '.' at the start or end, and not two in a row")
  .refine((name) => !RESERVED.has(name), "This name is reserved: choose another");

/** A name from a URL path: the same shape (case-insensitive, as wallets may send it), or null. */
export function parseLightningName(raw: string): string | null {
  const name = raw.toLowerCase();
  return LIGHTNING_NAME.test(name) ? name : null;
}

/**
 * Sets (or, with null, removes) the user's Lightning Address name. The unique index decides
 * races: two authors asking for one name at once, exactly one gets it, the other a 409.
 */
export async function setLightningName(userId: string, name: string | null): Promise<void> {
  try {
    await db().profile.update({ where: { userId }, data: { lightningName: name } });
    invalidatePages([authorTag(userId)]);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError(409, "This name is taken: choose another", "name_taken");
    throw error;
  }
}
