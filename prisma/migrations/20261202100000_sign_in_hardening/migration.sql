-- AlterTable
ALTER TABLE "LoginChallenge" ADD COLUMN "voidedAt" DATETIME;

-- CreateTable
CREATE TABLE "SiteClaim" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT,
    "claimedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);


-- A site that already has accounts has had its first account: later ones never become admin.
INSERT INTO "SiteClaim" ("name", "userId")
SELECT 'first-account', (SELECT "id" FROM "User" ORDER BY "createdAt" LIMIT 1)
 WHERE EXISTS (SELECT 1 FROM "User");
