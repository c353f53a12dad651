-- DropIndex
DROP INDEX "ModerationEvent_actorId_createdAt_idx";

-- DropIndex
DROP INDEX "ModerationEvent_commentId_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "ModerationEvent";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "csrfSecret" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "userAgent" TEXT,
    CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RolePermission" (
    "role" TEXT NOT NULL,
    "permission" TEXT NOT NULL,

    PRIMARY KEY ("role", "permission")
);

-- CreateTable
CREATE TABLE "DuplicateGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "consultationId" TEXT NOT NULL,
    "blockKey" TEXT,
    "representativeId" TEXT NOT NULL,
    "size" INTEGER NOT NULL DEFAULT 1,
    "pendingCount" INTEGER NOT NULL DEFAULT 0,
    "approvedCount" INTEGER NOT NULL DEFAULT 0,
    "publicCommentId" TEXT,
    "claimedById" TEXT,
    "claimedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RejectReason" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "action" TEXT NOT NULL,
    "actorId" TEXT,
    "commentId" TEXT,
    "groupId" TEXT,
    "subject" TEXT,
    "before" TEXT,
    "after" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuditEvent_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "commentId" TEXT,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAt" DATETIME,
    "sentAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
    "claimedById" TEXT,
    "claimedUntil" DATETIME,
    CONSTRAINT "Comment_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DocumentVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Comment_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "DuplicateGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Comment" ("ageGroup", "authorEmail", "authorName", "authorPhone", "blockKey", "communeCode", "consentAt", "consultationId", "contentHash", "createdAt", "decidedAt", "decidedById", "diacriticsConfirmed", "id", "occupation", "onBehalfOf", "originalText", "provinceCode", "publishedText", "quote", "quoteEnd", "quoteStart", "receiptToken", "rejectReason", "sourceHash", "stance", "status", "updatedAt", "versionId") SELECT "ageGroup", "authorEmail", "authorName", "authorPhone", "blockKey", "communeCode", "consentAt", "consultationId", "contentHash", "createdAt", "decidedAt", "decidedById", "diacriticsConfirmed", "id", "occupation", "onBehalfOf", "originalText", "provinceCode", "publishedText", "quote", "quoteEnd", "quoteStart", "receiptToken", "rejectReason", "sourceHash", "stance", "status", "updatedAt", "versionId" FROM "Comment";
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
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organizationId" TEXT,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("active", "createdAt", "email", "id", "name", "organizationId", "passwordHash", "role", "updatedAt") SELECT "active", "createdAt", "email", "id", "name", "organizationId", "passwordHash", "role", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE INDEX "User_organizationId_idx" ON "User"("organizationId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "DuplicateGroup_consultationId_pendingCount_idx" ON "DuplicateGroup"("consultationId", "pendingCount");

-- CreateIndex
CREATE UNIQUE INDEX "RejectReason_label_key" ON "RejectReason"("label");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_commentId_idx" ON "AuditEvent"("commentId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_createdAt_idx" ON "AuditEvent"("actorId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_action_createdAt_idx" ON "AuditEvent"("action", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_nextAt_idx" ON "Notification"("nextAt");

-- Seed: what each role may do (permissions are data, an administrator can change them).
INSERT INTO "RolePermission" ("role", "permission") VALUES
  ('ADMIN', 'moderation.view'),
  ('ADMIN', 'moderation.decide'),
  ('ADMIN', 'moderation.bulk'),
  ('ADMIN', 'audit.view'),
  ('ADMIN', 'audit.export'),
  ('ADMIN', 'dashboard.view'),
  ('ADMIN', 'users.manage'),
  ('ADMIN', 'settings.manage'),
  ('ADMIN', 'personal-data.view'),
  ('ADMIN', 'reports.view'),
  ('ADMIN', 'consultations.manage'),
  ('EDITOR', 'moderation.view'),
  ('EDITOR', 'moderation.decide'),
  ('EDITOR', 'moderation.bulk'),
  ('EDITOR', 'audit.view'),
  ('EDITOR', 'audit.export'),
  ('EDITOR', 'dashboard.view'),
  ('EDITOR', 'personal-data.view'),
  ('EDITOR', 'reports.view'),
  ('EDITOR', 'consultations.manage'),
  ('MODERATOR', 'moderation.view'),
  ('MODERATOR', 'moderation.decide'),
  ('MODERATOR', 'dashboard.view'),
  ('ORG_REP', 'reports.view');

-- Seed: the starter list of rejection reasons (an administrator edits it).
INSERT INTO "RejectReason" ("id", "label", "position", "active") VALUES
  ('reason-1', 'Không liên quan đến nội dung dự thảo', 1, 1),
  ('reason-2', 'Ngôn từ thiếu văn hóa, xúc phạm', 2, 1),
  ('reason-3', 'Quảng cáo, đường dẫn không phù hợp', 3, 1),
  ('reason-4', 'Nội dung trùng lặp, gửi nhiều lần', 4, 1),
  ('reason-5', 'Thông tin cá nhân của người khác', 5, 1),
  ('reason-6', 'Vi phạm pháp luật, xuyên tạc', 6, 1),
  ('reason-7', 'Viết không dấu, khó đọc', 7, 1);
