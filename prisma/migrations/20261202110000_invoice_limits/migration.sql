-- Written by hand from `prisma migrate diff` (schema to schema): the diff rebuilds the Payment
-- table to add a NOT NULL column, which would drop the partial index "Payment_one_view_per_buyer"
-- that lives only in the migrations. ALTER TABLE ADD COLUMN with a constant default is the same
-- change without the rebuild (and runs as is on PostgreSQL).

-- AlterTable
ALTER TABLE "DevInvoice" ADD COLUMN "canceledAt" DATETIME;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN "clientAddress" TEXT;
ALTER TABLE "Payment" ADD COLUMN "invoiceRequestedAt" DATETIME;
ALTER TABLE "Payment" ADD COLUMN "settledAfterWithdrawal" BOOLEAN NOT NULL DEFAULT false;

-- DropIndex
DROP INDEX "Payment_status_idx";

-- CreateIndex
CREATE INDEX "Payment_status_updatedAt_idx" ON "Payment"("status", "updatedAt");
CREATE INDEX "Payment_status_invoiceExpiresAt_idx" ON "Payment"("status", "invoiceExpiresAt");
CREATE INDEX "Payment_buyerId_status_invoiceExpiresAt_idx" ON "Payment"("buyerId", "status", "invoiceExpiresAt");
CREATE INDEX "Payment_clientAddress_status_invoiceExpiresAt_idx" ON "Payment"("clientAddress", "status", "invoiceExpiresAt");
CREATE INDEX "Payment_invoiceRequestedAt_idx" ON "Payment"("invoiceRequestedAt");

-- CreateIndex
CREATE INDEX "Buyer_createdAt_idx" ON "Buyer"("createdAt");
