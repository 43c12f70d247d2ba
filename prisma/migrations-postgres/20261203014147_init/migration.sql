-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'reader',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "email" TEXT,
    "emailVerifiedAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginKey" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "pubkey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "LoginKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginChallenge" (
    "k1" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "browserId" TEXT NOT NULL,
    "userId" TEXT,
    "clientKey" TEXT NOT NULL,
    "pubkey" TEXT,
    "answeredBy" TEXT,
    "answeredAt" TIMESTAMP(3),
    "consumedAt" TIMESTAMP(3),
    "voidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoginChallenge_pkey" PRIMARY KEY ("k1")
);

-- CreateTable
CREATE TABLE "SiteClaim" (
    "name" TEXT NOT NULL,
    "userId" TEXT,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SiteClaim_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Profile" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "identityPubkey" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "lightningName" TEXT,
    "payoutAddress" TEXT,
    "payoutThresholdSats" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Profile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Article" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "teaser" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "priceSats" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "viewCount" INTEGER NOT NULL DEFAULT 0,
    "salesCount" INTEGER NOT NULL DEFAULT 0,
    "earnedSats" BIGINT NOT NULL DEFAULT 0,
    "upvoteCount" INTEGER NOT NULL DEFAULT 0,
    "upvoteSats" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleAuthor" (
    "articleId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sharePercent" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "ArticleAuthor_pkey" PRIMARY KEY ("articleId","userId")
);

-- CreateTable
CREATE TABLE "AuthorDailyStats" (
    "authorId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "views" INTEGER NOT NULL DEFAULT 0,
    "sales" INTEGER NOT NULL DEFAULT 0,
    "earnedSats" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "AuthorDailyStats_pkey" PRIMARY KEY ("authorId","day")
);

-- CreateTable
CREATE TABLE "Buyer" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Buyer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" TEXT NOT NULL,
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
    "invoiceExpiresAt" TIMESTAMP(3),
    "settleIndex" BIGINT,
    "settledAt" TIMESTAMP(3),
    "receiptToken" TEXT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "clientAddress" TEXT,
    "invoiceRequestedAt" TIMESTAMP(3),
    "settledAfterWithdrawal" BOOLEAN NOT NULL DEFAULT false,
    "receiptEmail" TEXT,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Entitlement" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "buyerId" TEXT,
    "kind" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "articleId" TEXT,
    "validUntil" TIMESTAMP(3),
    "usesLeft" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Entitlement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL,
    "journal" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amountMsats" BIGINT NOT NULL,
    "paymentId" TEXT,
    "withdrawalId" TEXT,
    "articleId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Withdrawal" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "paymentRequest" TEXT NOT NULL,
    "paymentHash" TEXT NOT NULL,
    "amountMsats" BIGINT NOT NULL,
    "feeReserveMsats" BIGINT NOT NULL,
    "feeMsats" BIGINT,
    "preimage" TEXT,
    "failureReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Withdrawal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WithdrawLink" (
    "k1" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "maxMsats" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "withdrawalId" TEXT,

    CONSTRAINT "WithdrawLink_pkey" PRIMARY KEY ("k1")
);

-- CreateTable
CREATE TABLE "DevNodeKey" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "privateKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DevNodeKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DevInvoice" (
    "paymentHash" TEXT NOT NULL,
    "preimage" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "amountMsats" BIGINT NOT NULL,
    "description" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "settledAt" TIMESTAMP(3),
    "settleIndex" BIGINT,
    "canceledAt" TIMESTAMP(3),

    CONSTRAINT "DevInvoice_pkey" PRIMARY KEY ("paymentHash")
);

-- CreateTable
CREATE TABLE "DevWalletInvoice" (
    "paymentHash" TEXT NOT NULL,
    "preimage" TEXT NOT NULL,
    "request" TEXT NOT NULL,
    "amountMsats" BIGINT,
    "description" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "paidAt" TIMESTAMP(3),
    "feeMsats" BIGINT,
    "paidMsats" BIGINT,

    CONSTRAINT "DevWalletInvoice_pkey" PRIMARY KEY ("paymentHash")
);

-- CreateTable
CREATE TABLE "SettlementCursor" (
    "nodePubkey" TEXT NOT NULL,
    "settleIndex" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SettlementCursor_pkey" PRIMARY KEY ("nodePubkey")
);

-- CreateTable
CREATE TABLE "PassOffer" (
    "id" TEXT NOT NULL,
    "issuerId" TEXT,
    "priceSats" INTEGER NOT NULL,
    "days" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PassOffer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailOutbox" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MailOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "articleId" TEXT,
    "priceSats" INTEGER,
    "title" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DownloadLink" (
    "id" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "entitlementId" TEXT NOT NULL,
    "buyerId" TEXT,
    "round" INTEGER NOT NULL DEFAULT 0,
    "usesLeft" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "lastCountedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DownloadLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailVerification" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "EmailVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Gift" (
    "id" TEXT NOT NULL,
    "paymentId" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "giverBuyerId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMP(3),
    "claimerBuyerId" TEXT,

    CONSTRAINT "Gift_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "publicJwk" TEXT NOT NULL,
    "privateKeySealed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "L402RootKey" (
    "id" TEXT NOT NULL,
    "secret" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "L402RootKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LoginKey_pubkey_key" ON "LoginKey"("pubkey");

-- CreateIndex
CREATE INDEX "LoginKey_userId_idx" ON "LoginKey"("userId");

-- CreateIndex
CREATE INDEX "LoginChallenge_expiresAt_idx" ON "LoginChallenge"("expiresAt");

-- CreateIndex
CREATE INDEX "LoginChallenge_clientKey_createdAt_idx" ON "LoginChallenge"("clientKey", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Profile_userId_key" ON "Profile"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Profile_identityPubkey_key" ON "Profile"("identityPubkey");

-- CreateIndex
CREATE UNIQUE INDEX "Profile_lightningName_key" ON "Profile"("lightningName");

-- CreateIndex
CREATE UNIQUE INDEX "Article_slug_key" ON "Article"("slug");

-- CreateIndex
CREATE INDEX "Article_status_publishedAt_id_idx" ON "Article"("status", "publishedAt", "id");

-- CreateIndex
CREATE INDEX "Article_authorId_status_publishedAt_id_idx" ON "Article"("authorId", "status", "publishedAt", "id");

-- CreateIndex
CREATE INDEX "Article_authorId_updatedAt_id_idx" ON "Article"("authorId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "ArticleAuthor_userId_idx" ON "ArticleAuthor"("userId");

-- CreateIndex
CREATE INDEX "Buyer_userId_idx" ON "Buyer"("userId");

-- CreateIndex
CREATE INDEX "Buyer_createdAt_idx" ON "Buyer"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_reuseKey_key" ON "Payment"("reuseKey");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_paymentHash_key" ON "Payment"("paymentHash");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_receiptToken_key" ON "Payment"("receiptToken");

-- CreateIndex
CREATE INDEX "Payment_status_updatedAt_idx" ON "Payment"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Payment_status_invoiceExpiresAt_idx" ON "Payment"("status", "invoiceExpiresAt");

-- CreateIndex
CREATE INDEX "Payment_buyerId_status_invoiceExpiresAt_idx" ON "Payment"("buyerId", "status", "invoiceExpiresAt");

-- CreateIndex
CREATE INDEX "Payment_clientAddress_status_invoiceExpiresAt_idx" ON "Payment"("clientAddress", "status", "invoiceExpiresAt");

-- CreateIndex
CREATE INDEX "Payment_invoiceRequestedAt_idx" ON "Payment"("invoiceRequestedAt");

-- CreateIndex
CREATE INDEX "Payment_articleId_status_idx" ON "Payment"("articleId", "status");

-- CreateIndex
CREATE INDEX "Payment_articleId_purpose_status_settledAt_idx" ON "Payment"("articleId", "purpose", "status", "settledAt");

-- CreateIndex
CREATE INDEX "Payment_purpose_status_settledAt_id_idx" ON "Payment"("purpose", "status", "settledAt", "id");

-- CreateIndex
CREATE INDEX "Payment_settleIndex_idx" ON "Payment"("settleIndex");

-- CreateIndex
CREATE INDEX "Payment_buyerId_settledAt_id_idx" ON "Payment"("buyerId", "settledAt", "id");

-- CreateIndex
CREATE INDEX "Entitlement_articleId_kind_buyerId_idx" ON "Entitlement"("articleId", "kind", "buyerId");

-- CreateIndex
CREATE INDEX "Entitlement_buyerId_kind_createdAt_id_idx" ON "Entitlement"("buyerId", "kind", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Entitlement_kind_resource_buyerId_validUntil_idx" ON "Entitlement"("kind", "resource", "buyerId", "validUntil");

-- CreateIndex
CREATE UNIQUE INDEX "Entitlement_paymentId_resource_key" ON "Entitlement"("paymentId", "resource");

-- CreateIndex
CREATE INDEX "LedgerEntry_account_kind_createdAt_amountMsats_idx" ON "LedgerEntry"("account", "kind", "createdAt", "amountMsats");

-- CreateIndex
CREATE INDEX "LedgerEntry_articleId_account_kind_amountMsats_idx" ON "LedgerEntry"("articleId", "account", "kind", "amountMsats");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_journal_account_kind_key" ON "LedgerEntry"("journal", "account", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Withdrawal_paymentHash_key" ON "Withdrawal"("paymentHash");

-- CreateIndex
CREATE INDEX "Withdrawal_userId_createdAt_idx" ON "Withdrawal"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Withdrawal_status_updatedAt_idx" ON "Withdrawal"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "WithdrawLink_userId_createdAt_idx" ON "WithdrawLink"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DevInvoice_settleIndex_key" ON "DevInvoice"("settleIndex");

-- CreateIndex
CREATE INDEX "PassOffer_issuerId_active_idx" ON "PassOffer"("issuerId", "active");

-- CreateIndex
CREATE UNIQUE INDEX "MailOutbox_idempotencyKey_key" ON "MailOutbox"("idempotencyKey");

-- CreateIndex
CREATE INDEX "MailOutbox_status_nextAttemptAt_idx" ON "MailOutbox"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "StoredFile_storageKey_key" ON "StoredFile"("storageKey");

-- CreateIndex
CREATE INDEX "StoredFile_articleId_status_idx" ON "StoredFile"("articleId", "status");

-- CreateIndex
CREATE INDEX "StoredFile_ownerId_createdAt_id_idx" ON "StoredFile"("ownerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "StoredFile_status_createdAt_id_idx" ON "StoredFile"("status", "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "DownloadLink_token_key" ON "DownloadLink"("token");

-- CreateIndex
CREATE INDEX "DownloadLink_buyerId_createdAt_id_idx" ON "DownloadLink"("buyerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "DownloadLink_fileId_idx" ON "DownloadLink"("fileId");

-- CreateIndex
CREATE UNIQUE INDEX "DownloadLink_entitlementId_fileId_round_key" ON "DownloadLink"("entitlementId", "fileId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "EmailVerification_tokenHash_key" ON "EmailVerification"("tokenHash");

-- CreateIndex
CREATE INDEX "EmailVerification_userId_createdAt_idx" ON "EmailVerification"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Gift_paymentId_key" ON "Gift"("paymentId");

-- CreateIndex
CREATE UNIQUE INDEX "Gift_token_key" ON "Gift"("token");

-- CreateIndex
CREATE INDEX "Gift_giverBuyerId_createdAt_id_idx" ON "Gift"("giverBuyerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "SigningKey_retiredAt_createdAt_idx" ON "SigningKey"("retiredAt", "createdAt");

-- CreateIndex
CREATE INDEX "L402RootKey_createdAt_idx" ON "L402RootKey"("createdAt");

-- AddForeignKey
ALTER TABLE "LoginKey" ADD CONSTRAINT "LoginKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoginChallenge" ADD CONSTRAINT "LoginChallenge_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Profile" ADD CONSTRAINT "Profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Article" ADD CONSTRAINT "Article_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleAuthor" ADD CONSTRAINT "ArticleAuthor_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleAuthor" ADD CONSTRAINT "ArticleAuthor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthorDailyStats" ADD CONSTRAINT "AuthorDailyStats_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Buyer" ADD CONSTRAINT "Buyer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Entitlement" ADD CONSTRAINT "Entitlement_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Withdrawal" ADD CONSTRAINT "Withdrawal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WithdrawLink" ADD CONSTRAINT "WithdrawLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DownloadLink" ADD CONSTRAINT "DownloadLink_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DownloadLink" ADD CONSTRAINT "DownloadLink_entitlementId_fkey" FOREIGN KEY ("entitlementId") REFERENCES "Entitlement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailVerification" ADD CONSTRAINT "EmailVerification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Gift" ADD CONSTRAINT "Gift_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

