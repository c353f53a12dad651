-- CreateTable
CREATE TABLE "CaptchaUse" (
    "signature" TEXT NOT NULL PRIMARY KEY,
    "expiresAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "blockKey" TEXT,
    "quote" TEXT,
    "quoteStart" INTEGER,
    "quoteEnd" INTEGER,
    "stance" TEXT NOT NULL,
    "originalText" TEXT NOT NULL,
    "publishedText" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "rejectReason" TEXT,
    "authorName" TEXT NOT NULL,
    "authorEmail" TEXT,
    "authorPhone" TEXT,
    "provinceCode" TEXT,
    "communeCode" TEXT,
    "occupation" TEXT,
    "ageGroup" TEXT,
    "onBehalfOf" TEXT,
    "consentAt" DATETIME NOT NULL,
    "contentHash" TEXT NOT NULL,
    "diacriticsConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "sourceHash" TEXT,
    "receiptToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    CONSTRAINT "Comment_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("ageGroup", "authorEmail", "authorName", "authorPhone", "blockKey", "consentAt", "consultationId", "contentHash", "createdAt", "decidedAt", "decidedById", "id", "occupation", "onBehalfOf", "originalText", "publishedText", "quote", "quoteEnd", "quoteStart", "receiptToken", "rejectReason", "stance", "status", "updatedAt", "versionId") SELECT "ageGroup", "authorEmail", "authorName", "authorPhone", "blockKey", "consentAt", "consultationId", "contentHash", "createdAt", "decidedAt", "decidedById", "id", "occupation", "onBehalfOf", "originalText", "publishedText", "quote", "quoteEnd", "quoteStart", "receiptToken", "rejectReason", "stance", "status", "updatedAt", "versionId" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE UNIQUE INDEX "Comment_receiptToken_key" ON "Comment"("receiptToken");
CREATE INDEX "Comment_consultationId_status_blockKey_createdAt_idx" ON "Comment"("consultationId", "status", "blockKey", "createdAt");
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");
CREATE INDEX "Comment_consultationId_contentHash_idx" ON "Comment"("consultationId", "contentHash");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CaptchaUse_expiresAt_idx" ON "CaptchaUse"("expiresAt");
