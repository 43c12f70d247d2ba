import "server-only";
import { slugsLike } from "@/lib/articles/article-queries";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

// Slugs are unique (a database constraint). A slug the site generated from the title gets
// -2, -3... when taken; a slug the author typed is theirs to choose, so a clash is a 409 rather
// than a silently different address.

/** The first of base, base-2, base-3... that no article uses yet. */
export async function firstFreeSlug(base: string): Promise<string> {
  // base is [a-z0-9-] only (slugify), so it holds no LIKE wildcard.
  const taken = new Set(await slugsLike(base));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}

export function slugTaken(slug: string) {
  return new AppError(409, `The slug "${slug}" is already used by another article; choose another one`, "slug_taken");
}

/** True for the unique-constraint error (the slug is the only unique column authors write). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
