-- CreateTable
CREATE TABLE "AuthorDailyStats" (
    "authorId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,
    "sales" INTEGER NOT NULL DEFAULT 0,
    "earnedSats" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("authorId", "day"),
    CONSTRAINT "AuthorDailyStats_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Article" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "teaser" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "priceSats" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    "viewCount" INTEGER NOT NULL DEFAULT 0,
    "salesCount" INTEGER NOT NULL DEFAULT 0,
    "earnedSats" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "Article_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Article" ("authorId", "body", "createdAt", "id", "priceSats", "publishedAt", "slug", "status", "teaser", "title", "updatedAt") SELECT "authorId", "body", "createdAt", "id", "priceSats", "publishedAt", "slug", "status", "teaser", "title", "updatedAt" FROM "Article";
DROP TABLE "Article";
ALTER TABLE "new_Article" RENAME TO "Article";
CREATE UNIQUE INDEX "Article_slug_key" ON "Article"("slug");
CREATE INDEX "Article_status_publishedAt_id_idx" ON "Article"("status", "publishedAt", "id");
CREATE INDEX "Article_authorId_status_publishedAt_id_idx" ON "Article"("authorId", "status", "publishedAt", "id");
CREATE INDEX "Article_authorId_updatedAt_id_idx" ON "Article"("authorId", "updatedAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Payment_buyerId_settledAt_id_idx" ON "Payment"("buyerId", "settledAt", "id");


-- Backfill (hand-written): the counters from the payments completed so far. Every completion
-- sets settledAt; the few older rows without one take updatedAt, so the library's keyset order
-- and the per-day figures have a day for every completed payment.
UPDATE "Payment" SET "settledAt" = "updatedAt" WHERE "status" = 'complete' AND "settledAt" IS NULL;

-- One pass over the payments (UPDATE ... FROM: SQLite 3.33+ and PostgreSQL), not three
-- correlated counts per article.
UPDATE "Article" SET "viewCount" = c."views", "salesCount" = c."sales", "earnedSats" = c."earned"
  FROM (SELECT p."articleId", SUM(CASE WHEN p."purpose" = 'view' THEN 1 ELSE 0 END) AS "views", COUNT(*) AS "sales", SUM(p."amountSats") AS "earned"
          FROM "Payment" p WHERE p."status" = 'complete' GROUP BY p."articleId") c
 WHERE c."articleId" = "Article"."id";

INSERT INTO "AuthorDailyStats" ("authorId", "day", "views", "sales", "earnedSats")
SELECT a."authorId", substr(p."settledAt", 1, 10), SUM(CASE WHEN p."purpose" = 'view' THEN 1 ELSE 0 END), COUNT(*), SUM(p."amountSats")
  FROM "Payment" p JOIN "Article" a ON a."id" = p."articleId"
 WHERE p."status" = 'complete'
 GROUP BY a."authorId", substr(p."settledAt", 1, 10);
