-- CreateTable
CREATE TABLE "Gift" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "paymentId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "giverBuyerId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" DATETIME,
    "claimerBuyerId" TEXT,
    CONSTRAINT "Gift_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Gift_paymentId_key" ON "Gift"("paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "Gift_token_key" ON "Gift"("token");

-- CreateIndex
CREATE INDEX "Gift_giverBuyerId_createdAt_id_idx" ON "Gift"("giverBuyerId", "createdAt", "id");

