import "server-only";
import type { Reader } from "@/lib/buyers/reader";
import { heldConditions } from "@/lib/access/entitlement-queries";
import { fileResource, READ } from "@/lib/access/entitlements";
import { db } from "@/lib/db/client";
import { sqlDate } from "@/lib/db/sql-values";
import { getEnv } from "@/lib/env";
import { filesOfEntitlements, holdsAnyFile, type LinkState, linksOfEntitlements } from "@/lib/files/held-file-queries";
import { Prisma } from "@/lib/generated/prisma/client";
import { type Cursor, olderThan, type Page, PAGE_QUERY_LIMIT, toPage } from "@/lib/pagination/keyset-cursor";

// The library's files (a part of lib/buyers/library-queries.ts's lists, kept apart).

export type LibraryFile = { fileId: string; title: string; fileName: string; sizeBytes: number; usesLeft: number; expiresAt: Date | null; expired: boolean };
export type LibraryFileGroup = { entitlementId: string; boughtAt: Date | null; title: string; files: LibraryFile[] };

/**
 * One page of the reader's purchases that hold files (an article with files, or a file bought
 * alone), newest first, each with its files and the downloads left on the link the Download
 * button leads to (the newest link with downloads left; DOWNLOAD_LIMIT before the first one).
 * Keyset on the entitlement's (createdAt, id), deduplicated like listPurchases. Passes are not
 * listed: they are not purchases of a file (file pages offer their downloads while they run).
 */
export async function listFileDownloads(reader: Reader, before: Cursor | null = null, now = new Date()): Promise<Page<LibraryFileGroup>> {
  const held = heldConditions(reader, "e");
  const laterHeld = heldConditions(reader, "f");
  if (held.length === 0) return { items: [], older: null };
  const rows = await db().$queryRaw<Array<{ entitlementId: string; createdAt: Date | string; articleTitle: string | null; fileTitle: string | null }>>`
    SELECT e."id" AS "entitlementId", e."createdAt", a."title" AS "articleTitle", sf."title" AS "fileTitle"
      FROM "Entitlement" e
      LEFT JOIN "Article" a ON a."id" = e."articleId"
      LEFT JOIN "StoredFile" sf ON e."resource" LIKE ${`${fileResource("")}%`} AND sf."id" = SUBSTR(e."resource", ${fileResource("").length + 1})
     WHERE e."kind" = ${READ} AND (${Prisma.join(held, " OR ")})
       AND ${holdsAnyFile("e")}
       ${olderThan(before, `e."createdAt"`, `e."id"`)}
       AND NOT EXISTS (
         SELECT 1 FROM "Entitlement" f
          WHERE f."resource" = e."resource" AND f."kind" = ${READ}
            AND (f."createdAt", f."id") > (e."createdAt", e."id") AND (${Prisma.join(laterHeld, " OR ")}))
     ORDER BY e."createdAt" DESC, e."id" DESC
     LIMIT ${PAGE_QUERY_LIMIT}`;
  const page = toPage(rows, (row) => ({ at: row.createdAt, id: row.entitlementId }));
  const ids = page.items.map((row) => row.entitlementId);
  const [files, links] = await Promise.all([filesOfEntitlements(ids), linksOfEntitlements(ids)]);
  const limit = getEnv().DOWNLOAD_LIMIT;
  const items = page.items.map((row) => ({
    entitlementId: row.entitlementId,
    boughtAt: sqlDate(row.createdAt),
    title: row.articleTitle ?? row.fileTitle ?? "",
    files: files
      .filter((file) => file.entitlementId === row.entitlementId)
      .map((file) => {
        const mine = links.filter((link) => link.fileId === file.fileId && link.entitlementId === row.entitlementId).sort((x, y) => y.round - x.round);
        const live = (link: LinkState) => !link.expiresAt || link.expiresAt > now;
        const usable = mine.find((link) => link.usesLeft > 0 && live(link));
        const shown = usable ?? mine.find((link) => link.round === 0);
        return {
          fileId: file.fileId,
          title: file.title,
          fileName: file.fileName,
          sizeBytes: file.sizeBytes,
          usesLeft: shown ? shown.usesLeft : limit,
          expiresAt: shown?.expiresAt ?? null,
          expired: shown ? !live(shown) : false,
        };
      }),
  }));
  return { items, older: page.older };
}
