-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Payment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "buyerId" TEXT,
    "payerKind" TEXT NOT NULL DEFAULT 'browser',
    "articleId" TEXT,
    "purpose" TEXT NOT NULL,
    "args" TEXT,
    "reuseKey" TEXT,
    "amountSats" INTEGER NOT NULL,
    "receivedMsats" BIGINT,
    "status" TEXT NOT NULL DEFAULT 'pending_invoice',
    "paymentHash" TEXT,
    "paymentRequest" TEXT,
    "invoiceExpiresAt" DATETIME,
    "settleIndex" BIGINT,
    "settledAt" DATETIME,
    "receiptToken" TEXT,
    "errorMessage" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "clientAddress" TEXT,
    "invoiceRequestedAt" DATETIME,
    "settledAfterWithdrawal" BOOLEAN NOT NULL DEFAULT false,
    "receiptEmail" TEXT,
    CONSTRAINT "Payment_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payment_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Payment" ("amountSats", "args", "articleId", "buyerId", "clientAddress", "createdAt", "errorMessage", "id", "invoiceExpiresAt", "invoiceRequestedAt", "payerKind", "paymentHash", "paymentRequest", "purpose", "receiptEmail", "receiptToken", "receivedMsats", "reuseKey", "settleIndex", "settledAfterWithdrawal", "settledAt", "status", "updatedAt") SELECT "amountSats", "args", "articleId", "buyerId", "clientAddress", "createdAt", "errorMessage", "id", "invoiceExpiresAt", "invoiceRequestedAt", "payerKind", "paymentHash", "paymentRequest", "purpose", "receiptEmail", "receiptToken", "receivedMsats", "reuseKey", "settleIndex", "settledAfterWithdrawal", "settledAt", "status", "updatedAt" FROM "Payment";
DROP TABLE "Payment";
ALTER TABLE "new_Payment" RENAME TO "Payment";
CREATE UNIQUE INDEX "Payment_reuseKey_key" ON "Payment"("reuseKey");
CREATE UNIQUE INDEX "Payment_paymentHash_key" ON "Payment"("paymentHash");
CREATE UNIQUE INDEX "Payment_receiptToken_key" ON "Payment"("receiptToken");
CREATE INDEX "Payment_status_updatedAt_idx" ON "Payment"("status", "updatedAt");
CREATE INDEX "Payment_status_invoiceExpiresAt_idx" ON "Payment"("status", "invoiceExpiresAt");
CREATE INDEX "Payment_buyerId_status_invoiceExpiresAt_idx" ON "Payment"("buyerId", "status", "invoiceExpiresAt");
CREATE INDEX "Payment_clientAddress_status_invoiceExpiresAt_idx" ON "Payment"("clientAddress", "status", "invoiceExpiresAt");
CREATE INDEX "Payment_invoiceRequestedAt_idx" ON "Payment"("invoiceRequestedAt");
CREATE INDEX "Payment_articleId_status_idx" ON "Payment"("articleId", "status");
CREATE INDEX "Payment_articleId_purpose_status_settledAt_idx" ON "Payment"("articleId", "purpose", "status", "settledAt");
CREATE INDEX "Payment_purpose_status_settledAt_id_idx" ON "Payment"("purpose", "status", "settledAt", "id");
CREATE INDEX "Payment_settleIndex_idx" ON "Payment"("settleIndex");
CREATE INDEX "Payment_buyerId_settledAt_id_idx" ON "Payment"("buyerId", "settledAt", "id");
CREATE TABLE "new_DevInvoice" (
    "paymentHash" TEXT NOT NULL PRIMARY KEY,
    "preimage" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "amountMsats" BIGINT NOT NULL,
    "description" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "settledAt" DATETIME,
    "settleIndex" BIGINT,
    "canceledAt" DATETIME
);
INSERT INTO "new_DevInvoice" ("amountMsats", "canceledAt", "createdAt", "description", "expiresAt", "paymentHash", "preimage", "request", "settleIndex", "settledAt") SELECT "amountMsats", "canceledAt", "createdAt", "description", "expiresAt", "paymentHash", "preimage", "request", "settleIndex", "settledAt" FROM "DevInvoice";
DROP TABLE "DevInvoice";
ALTER TABLE "new_DevInvoice" RENAME TO "DevInvoice";
CREATE UNIQUE INDEX "DevInvoice_settleIndex_key" ON "DevInvoice"("settleIndex");
CREATE TABLE "new_SettlementCursor" (
    "nodePubkey" TEXT NOT NULL PRIMARY KEY,
    "settleIndex" BIGINT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_SettlementCursor" ("nodePubkey", "settleIndex", "updatedAt") SELECT "nodePubkey", "settleIndex", "updatedAt" FROM "SettlementCursor";
DROP TABLE "SettlementCursor";
ALTER TABLE "new_SettlementCursor" RENAME TO "SettlementCursor";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

