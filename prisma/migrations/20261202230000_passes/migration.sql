-- CreateTable
CREATE TABLE "PassOffer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "issuerId" TEXT,
    "priceSats" INTEGER NOT NULL,
    "days" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PassOffer_issuerId_active_idx" ON "PassOffer"("issuerId", "active");

-- CreateIndex
CREATE INDEX "Entitlement_kind_resource_buyerId_validUntil_idx" ON "Entitlement"("kind", "resource", "buyerId", "validUntil");

