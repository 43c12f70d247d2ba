-- CreateTable
CREATE TABLE "L402RootKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "secret" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "L402RootKey_createdAt_idx" ON "L402RootKey"("createdAt");

-- CreateIndex
CREATE INDEX "Payment_purpose_status_settledAt_id_idx" ON "Payment"("purpose", "status", "settledAt", "id");

