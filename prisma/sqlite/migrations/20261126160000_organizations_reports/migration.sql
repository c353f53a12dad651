-- CreateTable
CREATE TABLE "Conference" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "heldOn" DATETIME NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "attendees" INTEGER,
    "chairperson" TEXT NOT NULL DEFAULT '',
    "note" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Conference_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Conference_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExportJob" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "format" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "filters" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "filePath" TEXT,
    "fileName" TEXT,
    "error" TEXT,
    "requestedById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME
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
    CONSTRAINT "Comment_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DuplicateGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_conferenceId_fkey" FOREIGN KEY ("conferenceId") REFERENCES "Conference" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Comment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("ageGroup", "authorEmail", "authorName", "authorPhone", "band0", "band1", "band2", "band3", "blockKey", "claimedById", "claimedUntil", "communeCode", "consentAt", "consultationId", "contentHash", "createdAt", "decidedAt", "decidedById", "diacriticsConfirmed", "flags", "groupId", "id", "occupation", "onBehalfOf", "originalText", "provinceCode", "publishedText", "quote", "quoteEnd", "quoteStart", "receiptToken", "rejectReason", "sectionKey", "sourceHash", "stance", "status", "updatedAt", "versionId") SELECT "ageGroup", "authorEmail", "authorName", "authorPhone", "band0", "band1", "band2", "band3", "blockKey", "claimedById", "claimedUntil", "communeCode", "consentAt", "consultationId", "contentHash", "createdAt", "decidedAt", "decidedById", "diacriticsConfirmed", "flags", "groupId", "id", "occupation", "onBehalfOf", "originalText", "provinceCode", "publishedText", "quote", "quoteEnd", "quoteStart", "receiptToken", "rejectReason", "sectionKey", "sourceHash", "stance", "status", "updatedAt", "versionId" FROM "Comment";
DROP TABLE "Comment";
ALTER TABLE "new_Comment" RENAME TO "Comment";
CREATE UNIQUE INDEX "Comment_receiptToken_key" ON "Comment"("receiptToken");
CREATE INDEX "Comment_consultationId_status_blockKey_createdAt_idx" ON "Comment"("consultationId", "status", "blockKey", "createdAt");
CREATE INDEX "Comment_status_createdAt_idx" ON "Comment"("status", "createdAt");
CREATE INDEX "Comment_consultationId_contentHash_idx" ON "Comment"("consultationId", "contentHash");
CREATE INDEX "Comment_consultationId_status_createdAt_idx" ON "Comment"("consultationId", "status", "createdAt");
CREATE INDEX "Comment_consultationId_sectionKey_status_createdAt_idx" ON "Comment"("consultationId", "sectionKey", "status", "createdAt");
CREATE INDEX "Comment_groupId_status_idx" ON "Comment"("groupId", "status");
CREATE INDEX "Comment_consultationId_band0_idx" ON "Comment"("consultationId", "band0");
CREATE INDEX "Comment_consultationId_band1_idx" ON "Comment"("consultationId", "band1");
CREATE INDEX "Comment_consultationId_band2_idx" ON "Comment"("consultationId", "band2");
CREATE INDEX "Comment_consultationId_band3_idx" ON "Comment"("consultationId", "band3");
CREATE INDEX "Comment_consultationId_channel_idx" ON "Comment"("consultationId", "channel");
CREATE INDEX "Comment_organizationId_idx" ON "Comment"("organizationId");
CREATE INDEX "Comment_conferenceId_idx" ON "Comment"("conferenceId");
CREATE TABLE "new_Organization" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "parentId" TEXT,
    "localityCode" TEXT,
    "code" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'MTTQ',
    "path" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Organization_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Organization" ("createdAt", "id", "level", "localityCode", "name", "parentId") SELECT "createdAt", "id", "level", "localityCode", "name", "parentId" FROM "Organization";
DROP TABLE "Organization";
ALTER TABLE "new_Organization" RENAME TO "Organization";
CREATE UNIQUE INDEX "Organization_code_key" ON "Organization"("code");
CREATE INDEX "Organization_parentId_idx" ON "Organization"("parentId");
CREATE INDEX "Organization_path_idx" ON "Organization"("path");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Conference_consultationId_organizationId_idx" ON "Conference"("consultationId", "organizationId");

-- CreateIndex
CREATE INDEX "ExportJob_requestedById_createdAt_idx" ON "ExportJob"("requestedById", "createdAt");

-- Seed: who manages the organization tree, records conferences and exports reports.
INSERT INTO "RolePermission" ("role", "permission") VALUES
  ('ADMIN', 'organizations.manage'),
  ('ADMIN', 'conferences.manage'),
  ('EDITOR', 'conferences.manage'),
  ('ORG_REP', 'conferences.manage'),
  ('ADMIN', 'reports.export'),
  ('EDITOR', 'reports.export'),
  ('ORG_REP', 'reports.export');
