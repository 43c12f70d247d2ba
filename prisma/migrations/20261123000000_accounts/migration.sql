-- DropIndex
DROP INDEX "Buyer_userId_key";

-- CreateTable
CREATE TABLE "LoginKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "pubkey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    CONSTRAINT "LoginKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LoginChallenge" (
    "k1" TEXT NOT NULL PRIMARY KEY,
    "action" TEXT NOT NULL,
    "browserId" TEXT NOT NULL,
    "userId" TEXT,
    "clientKey" TEXT NOT NULL,
    "pubkey" TEXT,
    "answeredBy" TEXT,
    "answeredAt" DATETIME,
    "consumedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "LoginChallenge_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (a plain ADD COLUMN: same result as Prisma's table rebuild, without copying)
ALTER TABLE "User" ADD COLUMN "role" TEXT NOT NULL DEFAULT 'reader';

-- Whoever already wrote articles (the seed's sample author) is an author.
UPDATE "User" SET "role" = 'author' WHERE "id" IN (SELECT "authorId" FROM "Article");

-- CreateIndex
CREATE UNIQUE INDEX "LoginKey_pubkey_key" ON "LoginKey"("pubkey");

-- CreateIndex
CREATE INDEX "LoginKey_userId_idx" ON "LoginKey"("userId");

-- CreateIndex
CREATE INDEX "LoginChallenge_expiresAt_idx" ON "LoginChallenge"("expiresAt");

-- CreateIndex
CREATE INDEX "LoginChallenge_clientKey_createdAt_idx" ON "LoginChallenge"("clientKey", "createdAt");

-- CreateIndex
CREATE INDEX "Buyer_userId_idx" ON "Buyer"("userId");
