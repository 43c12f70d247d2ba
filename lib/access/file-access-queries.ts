import "server-only";
import { db } from "@/lib/db/client";
import type { Reader } from "@/lib/buyers/reader";
import { Prisma } from "@/lib/generated/prisma/client";
import { fileResource, PASS, READ } from "@/lib/access/entitlements";
import { findReadAccess, heldConditions } from "@/lib/access/entitlement-queries";

export type FileForAccess = { id: string; ownerId: string; articleId: string | null; priceSats: number | null; status: string };

/** free: anyone may download it; else the entitlement it is held under (a purchase or a pass). */
export type FileAccess = { free: true } | { free: false; entitlementId: string; passUntil: Date | null };

/**
 * May the reader download this file? A file attached to an article goes with the article (free
 * with a free article, else whoever may read it). A file sold alone is held by its own purchase,
 * or by a running pass of its owner or of the site while the file is on sale.
 */
export async function findFileAccess(file: FileForAccess, reader: Reader): Promise<FileAccess | null> {
  if (file.articleId) {
    const article = await db().article.findUnique({ where: { id: file.articleId }, select: { priceSats: true } });
    if (!article) return null;
    if (article.priceSats === 0) return { free: true };
    const access = await findReadAccess(file.articleId, reader);
    return access ? { free: false, entitlementId: access.entitlementId, passUntil: access.passUntil } : null;
  }
  if (!file.priceSats) return { free: true };
  const held = heldConditions(reader);
  if (held.length === 0) return null;
  const passes = file.status === "visible" ? ["pass:site", `pass:author:${file.ownerId}`] : [];
  const [row] = await db().$queryRaw<Array<{ id: string; kind: string; validUntil: Date | string | null }>>`
    SELECT e."id", e."kind", e."validUntil" FROM "Entitlement" e
     WHERE ((e."kind" = ${READ} AND e."resource" = ${fileResource(file.id)})
            ${passes.length ? Prisma.sql`OR (e."kind" = ${PASS} AND e."resource" IN (${Prisma.join(passes)}))` : Prisma.empty})
       AND (e."validUntil" IS NULL OR e."validUntil" > ${new Date()})
       AND (${Prisma.join(held, " OR ")})
     ORDER BY CASE WHEN e."kind" = ${READ} THEN 0 ELSE 1 END, e."validUntil" DESC
     LIMIT 1`;
  if (!row) return null;
  return { free: false, entitlementId: row.id, passUntil: row.kind === PASS && row.validUntil !== null ? new Date(row.validUntil) : null };
}
