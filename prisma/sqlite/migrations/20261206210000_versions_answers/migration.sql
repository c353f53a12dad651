-- AlterTable
ALTER TABLE "DocumentVersion" ADD COLUMN "basedOnId" TEXT;
ALTER TABLE "DocumentVersion" ADD COLUMN "matchReport" JSONB;

-- CreateTable
CREATE TABLE "Answer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "disposition" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "groupId" TEXT,
    "theme" TEXT,
    "versionId" TEXT,
    "blockKeys" TEXT NOT NULL DEFAULT '[]',
    "sectionKey" TEXT,
    "commentCount" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "updatedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Answer_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AnswerRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "answerId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "disposition" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "versionId" TEXT,
    "blockKeys" TEXT NOT NULL DEFAULT '[]',
    "editedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnswerRevision_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "Answer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "idempotencyKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "sectionKey" TEXT,
    "flags" INTEGER NOT NULL DEFAULT 0,
    "band0" INTEGER,
    "band1" INTEGER,
    "band2" INTEGER,
    "band3" INTEGER,
    "groupId" TEXT,
    "channel" TEXT NOT NULL DEFAULT 'ONLINE',
    "conferenceId" TEXT,
    "organizationId" TEXT,
    "claimedById" TEXT,
    "claimedUntil" DATETIME,
    "mayContact" BOOLEAN NOT NULL DEFAULT false,
    "answerId" TEXT,
    "answeredAt" DATETIME,
    CONSTRAINT "Comment_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DuplicateGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "Answer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("ageGroup", "authorEmail", "authorName", "authorPhone", "band0", "band1", "band2", "band3", "blockKey", "channel", "claimedById", "claimedUntil", "communeCode", "conferenceId", "consentAt", "consultationId", "contentHash", "createdAt", "decidedAt", "decidedById", "diacriticsConfirmed", "flags", "groupId", "id", "idempotencyKey", "occupation", "onBehalfOf", "organizationId", "originalText", "provinceCode", "publishedText", "quote", "quoteEnd", "quoteStart", "receiptToken", "rejectReason", "sectionKey", "sourceHash", "stance", "status", "updatedAt", "versionId") SELECT "ageGroup", "authorEmail", "authorName", "authorPhone", "band0", "band1", "band2", "band3", "blockKey", "channel", "claimedById", "claimedUntil", "communeCode", "conferenceId", "consentAt", "consultationId", "contentHash", "createdAt", "decidedAt", "decidedById", "diacriticsConfirmed", "flags", "groupId", "id", "idempotencyKey", "occupation", "onBehalfOf", "organizationId", "originalText", "provinceCode", "publishedText", "quote", "quoteEnd", "quoteStart", "receiptToken", "rejectReason", "sectionKey", "sourceHash", "stance", "status", "updatedAt", "versionId" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE UNIQUE INDEX "Comment_receiptToken_key" ON "Comment"("receiptToken");
CREATE UNIQUE INDEX "Comment_idempotencyKey_key" ON "Comment"("idempotencyKey");
CREATE INDEX "Comment_consultationId_status_blockKey_createdAt_idx" ON "Comment"("consultationId", "status", "blockKey", "createdAt");
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");
CREATE INDEX "Comment_consultationId_contentHash_idx" ON "Comment"("consultationId", "contentHash");
CREATE INDEX "Comment_consultationId_status_createdAt_idx" ON "Comment"("consultationId", "status", "createdAt");
CREATE INDEX "Comment_consultationId_sectionKey_status_createdAt_idx" ON "Comment"("consultationId", "sectionKey", "status", "createdAt");
CREATE INDEX "Comment_groupId_status_idx" ON "Comment"("groupId", "status");
CREATE INDEX "Comment_consultationId_blockKey_band0_idx" ON "Comment"("consultationId", "blockKey", "band0");
CREATE INDEX "Comment_consultationId_blockKey_band1_idx" ON "Comment"("consultationId", "blockKey", "band1");
CREATE INDEX "Comment_consultationId_blockKey_band2_idx" ON "Comment"("consultationId", "blockKey", "band2");
CREATE INDEX "Comment_consultationId_blockKey_band3_idx" ON "Comment"("consultationId", "blockKey", "band3");
CREATE INDEX "Comment_report_idx" ON "Comment"("consultationId", "status", "channel", "stance", "blockKey", "organizationId", "provinceCode", "communeCode", "occupation", "ageGroup", "createdAt");
CREATE INDEX "Comment_organizationId_idx" ON "Comment"("organizationId");
CREATE INDEX "Comment_conferenceId_idx" ON "Comment"("conferenceId");
CREATE INDEX "Comment_answerId_idx" ON "Comment"("answerId");
CREATE INDEX "Comment_consultationId_status_sectionKey_answerId_idx" ON "Comment"("consultationId", "status", "sectionKey", "answerId");
-- The moderation queue's partial indexes of pending flagged comments (not in the models), dropped with the old table: made again.
CREATE INDEX "Comment_pending_flag1_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 1) <> 0;
CREATE INDEX "Comment_pending_flag2_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 2) <> 0;
CREATE INDEX "Comment_pending_flag4_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 4) <> 0;
CREATE INDEX "Comment_pending_flag8_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 8) <> 0;
CREATE INDEX "Comment_pending_flag16_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 16) <> 0;
CREATE INDEX "Comment_pending_flag32_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 32) <> 0;
CREATE INDEX "Comment_pending_flag64_idx" ON "Comment"("createdAt", "id") WHERE "status" = 'PENDING' AND ("flags" & 64) <> 0;
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Answer_consultationId_sectionKey_idx" ON "Answer"("consultationId", "sectionKey");

-- CreateIndex
CREATE INDEX "Answer_consultationId_disposition_idx" ON "Answer"("consultationId", "disposition");

-- CreateIndex
CREATE UNIQUE INDEX "AnswerRevision_answerId_revision_key" ON "AnswerRevision"("answerId", "revision");

-- Answers (tiếp thu, giải trình): the drafting team and administrators record them, everyone who reads
-- reports sees them (organization representatives within their scope).
INSERT INTO "RolePermission" ("role", "permission") VALUES
  ('ADMIN', 'answers.manage'),
  ('EDITOR', 'answers.manage'),
  ('ADMIN', 'answers.view'),
  ('EDITOR', 'answers.view'),
  ('MODERATOR', 'answers.view'),
  ('ORG_REP', 'answers.view');
