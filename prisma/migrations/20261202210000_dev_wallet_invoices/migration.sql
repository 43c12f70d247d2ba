-- The development wallet's receive side (lib/lightning/dev-node/dev-wallet-receive.ts): invoices the
-- development node can pay, so withdrawals work without LND.
-- CreateTable
CREATE TABLE "DevWalletInvoice" (
    "paymentHash" TEXT NOT NULL PRIMARY KEY,
    "preimage" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "amountMsats" BIGINT,
    "description" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "paidAt" DATETIME,
    "feeMsats" BIGINT,
    "paidMsats" BIGINT
);

