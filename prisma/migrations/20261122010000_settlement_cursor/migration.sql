-- CreateTable
CREATE TABLE "SettlementCursor" (
    "nodePubkey" TEXT NOT NULL PRIMARY KEY,
    "settleIndex" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
